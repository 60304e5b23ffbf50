#pragma once
// Whether the SRC hears that its mailbox cannot be read. A poll that fails
// (server down, password changed, certificate expired) is only a log line;
// reports mailed to the SRC then wait unseen, and the 24-hour acknowledgement
// clock (POLICY.md) runs for reports nobody knows about. So once the mailbox
// has failed every poll for `alert_after`, the SRC channel is told, once, and
// again each `repeat_after` while it lasts; the first good poll after that
// says it is readable again. A failure that mends itself sooner is not
// worth anyone's attention and says nothing.
//
// Pure: the caller feeds each poll's outcome with its time and posts what
// comes back.

#include <optional>
#include <string>

#include "core/time.h"

namespace srcbot::core {

struct MailboxHealthSettings {
  Duration alert_after{std::chrono::minutes(15)};
  Duration repeat_after{std::chrono::hours(24)};
};

class MailboxHealth {
 public:
  explicit MailboxHealth(MailboxHealthSettings settings = {}) : settings_(settings) {}

  // A poll that failed at `now` because of `why` (never a credential: the
  // clients' errors carry none). The notice to post to the SRC channel, or
  // nullopt.
  std::optional<std::string> Failed(TimePoint now, const std::string& why);
  // A poll that read the mailbox at `now`: the all-clear after a notice, or nullopt.
  std::optional<std::string> Succeeded(TimePoint now);

  // The notice Failed returned could not be queued: it counts as not told,
  // so the next failed poll returns it again.
  void NoticeLost() { last_notice_.reset(); }

  bool failing() const { return failing_since_.has_value(); }

 private:
  MailboxHealthSettings settings_;
  std::optional<TimePoint> failing_since_;
  std::optional<TimePoint> last_notice_;
};

}  // namespace srcbot::core
