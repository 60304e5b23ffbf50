#include "core/mailbox_health.h"

#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::core {

std::optional<std::string> MailboxHealth::Failed(TimePoint now, const std::string& why) {
  if (!failing_since_) failing_since_ = now;
  const Duration failing_for = now - *failing_since_;
  if (failing_for < settings_.alert_after) return std::nullopt;
  if (last_notice_ && now - *last_notice_ < settings_.repeat_after) return std::nullopt;
  last_notice_ = now;
  return StrCat({":warning: srcbot cannot read the SRC's mailbox: every poll since ",
                 FormatHuman(*failing_since_), " (", FormatDuration(failing_for),
                 ") has failed. Reports mailed to the SRC wait there unread; none is lost, and "
                 "srcbot keeps trying. Last error: ",
                 Escape(why), ". An operator must look (docs/mail.md)."});
}

std::optional<std::string> MailboxHealth::Succeeded(TimePoint now) {
  if (!failing_since_) return std::nullopt;
  const TimePoint since = *failing_since_;
  const bool told = last_notice_.has_value();
  failing_since_.reset();
  last_notice_.reset();
  if (!told) return std::nullopt;
  return StrCat({"srcbot reads the SRC's mailbox again (it could not from ", FormatHuman(since),
                 " to ", FormatHuman(now), "); any mail that waited there has now been read."});
}

}  // namespace srcbot::core
