#pragma once
// The process deadlines of a case (SPEC §1): when each is due, whether it was
// met, and how the `public` and `slow` flags move them.

#include <optional>
#include <string_view>
#include <vector>

#include "core/case.h"
#include "core/time.h"

namespace srcbot::core {

struct DeadlinePolicy {
  // From the report's receipt.
  Duration acknowledge = std::chrono::hours(24);
  Duration fix_team = std::chrono::hours(24);
  Duration fix = std::chrono::days(7);
  Duration release = std::chrono::days(21);
  // From the release.
  Duration retrospective = std::chrono::days(3);
  // `public` cases: as soon as possible.
  Duration public_acknowledge = std::chrono::hours(1);
  Duration public_fix_team = std::chrono::hours(4);
  Duration public_fix = std::chrono::hours(48);
  Duration public_release = std::chrono::hours(72);
  // `slow` cases: fix and release windows are multiplied by this.
  int slow_factor = 2;
};

enum class DeadlineKind { kAcknowledge, kFixTeam, kFix, kRelease, kRetrospective };

struct Deadline {
  DeadlineKind kind;
  TimePoint starts{};  // when its window opened
  TimePoint due{};
  std::optional<TimePoint> met_at;
};

std::string_view DeadlineName(DeadlineKind kind);  // "acknowledge", "fix team", …

// Every deadline that applies to the case, in process order. The retrospective
// deadline appears only once the case is released. A closed case's unmet
// deadlines are dropped: nothing is due on it any more.
std::vector<Deadline> Deadlines(const Case& c, const DeadlinePolicy& policy);

}  // namespace srcbot::core
