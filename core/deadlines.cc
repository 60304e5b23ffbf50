#include "core/deadlines.h"

#include <algorithm>

namespace srcbot::core {
namespace {

// A public case is due "as soon as possible": the compressed window counts from
// the moment it became public (or from receipt, if it was public from the
// start), and never pushes a deadline later than the normal one.
TimePoint Compress(const Case& c, TimePoint normal_due, Duration public_window) {
  if (!c.is_public) return normal_due;
  TimePoint from = std::max(c.received_at, c.public_at.value_or(c.received_at));
  return std::min(normal_due, from + public_window);
}

}  // namespace

std::string_view DeadlineName(DeadlineKind kind) {
  switch (kind) {
    case DeadlineKind::kAcknowledge: return "acknowledge";
    case DeadlineKind::kFixTeam: return "fix team";
    case DeadlineKind::kFix: return "fix ready";
    case DeadlineKind::kRelease: return "release";
    case DeadlineKind::kRetrospective: return "retrospective";
  }
  return "deadline";
}

std::vector<Deadline> Deadlines(const Case& c, const DeadlinePolicy& p) {
  // Slow applies to fix and release only (SPEC §1); a case cannot be both slow
  // and public, but if it ever were, the public compression wins via Compress.
  const int factor = c.slow ? p.slow_factor : 1;
  const TimePoint r = c.received_at;
  std::vector<Deadline> out{
      {DeadlineKind::kAcknowledge, r, Compress(c, r + p.acknowledge, p.public_acknowledge),
       c.acknowledged_at},
      {DeadlineKind::kFixTeam, r, Compress(c, r + p.fix_team, p.public_fix_team), c.team_formed_at},
      {DeadlineKind::kFix, r, Compress(c, r + p.fix * factor, p.public_fix), c.fixed_at},
      {DeadlineKind::kRelease, r, Compress(c, r + p.release * factor, p.public_release),
       c.released_at},
  };
  if (c.released_at) {
    out.push_back({DeadlineKind::kRetrospective, *c.released_at, *c.released_at + p.retrospective,
                   c.retro_done_at});
  }
  if (!c.IsOpen()) {
    std::erase_if(out, [](const Deadline& d) { return !d.met_at; });
  }
  return out;
}

}  // namespace srcbot::core
