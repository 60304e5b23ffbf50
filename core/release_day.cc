#include "core/release_day.h"

#include <algorithm>

#include "core/buttons.h"
#include "core/markup.h"
#include "core/permissions.h"

namespace srcbot::core {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year_month_day;

TimePoint At(year_month_day day, int hour) {
  return TimePoint(sys_days(day)) + std::chrono::hours(hour);
}

// The most days a search looks ahead (enough for any holiday list).
constexpr int kSearchDays = 366;

}  // namespace

std::string WhyNotRecommended(year_month_day day, const ReleaseDayPolicy& policy) {
  weekday wd{sys_days(day)};
  if (wd == std::chrono::Friday) return "a Friday";
  if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return "a weekend day";
  if (std::find(policy.holidays.begin(), policy.holidays.end(), day) != policy.holidays.end()) {
    return "a holiday";
  }
  return "";
}

SlotProposal ProposeReleaseSlot(TimePoint now, const ReleaseDayPolicy& policy,
                                std::optional<TimePoint> deadline) {
  const TimePoint earliest = now + std::chrono::hours(24);
  sys_days day = std::chrono::floor<days>(earliest);
  SlotProposal p;
  p.deadline = deadline;
  for (int i = 0; i < kSearchDays; ++i, day += days(1)) {
    year_month_day ymd{day};
    TimePoint slot = At(ymd, policy.hour_utc);
    if (slot < earliest || !WhyNotRecommended(ymd, policy).empty()) continue;
    p.slot = slot;
    p.within_deadline = !deadline || slot <= *deadline;
    return p;
  }
  p.slot = At(year_month_day{day}, policy.hour_utc);  // only if every day were a holiday
  p.within_deadline = !deadline || p.slot <= *deadline;
  return p;
}

Result<Change> SetReleaseDay(const Case& current, const ReleaseDayCommand& cmd, const Actor& actor,
                             TimePoint now, const ReleaseDayPolicy& policy) {
  if (Status st = Authorize(Access::kSrcOnly, actor, &current); !st.ok()) return st;
  const std::string ref = CaseRef(current.id);
  if (current.stage != Stage::kFixDevelopment && current.stage != Stage::kReleaseScheduled) {
    return Status::Conflict("cannot set the release day of " + ref + " while it is " +
                            std::string(StageName(current.stage)));
  }
  if (!current.fixed_at) return Status::Conflict(ref + " has no fix yet: the fix team runs /src fixed first");
  if (!cmd.day) return Status::Invalid("release-day needs a date (YYYY-MM-DD) to set");
  TimePoint slot = At(*cmd.day, policy.hour_utc);
  if (slot <= now) return Status::Invalid(FormatHuman(slot) + " has passed");
  std::string why = WhyNotRecommended(*cmd.day, policy);
  if (!why.empty() && !(cmd.force && !cmd.reason.empty())) {
    return Status::Invalid(FormatIsoDay(*cmd.day) + " is " + why +
                           ": releases go out Monday to Thursday; use --force --reason \"…\"");
  }
  if (cmd.force && cmd.reason.empty()) return Status::Invalid("--force needs --reason \"<why>\"");
  Case after = current;
  after.release_day = slot;
  after.stage = Stage::kReleaseScheduled;
  std::string text = "Release of " + ref + " set for " + FormatHuman(slot) + " by " + Mention(actor.user);
  if (!why.empty()) text += " (" + why + ", forced: " + Escape(cmd.reason) + ")";
  text += ".";
  Change change{std::move(after), {}, {}};
  change.events.push_back({current.id, now, actor.user, actor.channel, "release-day", text});
  // The day is agreed: the post offers the Release button (a modal asks for
  // the version and links, docs/buttons.md).
  change.messages.push_back(
      {Audience::kSrcChannel, "", text, {current.id}, std::string(kOffersRelease), {}});
  return change;
}

}  // namespace srcbot::core
