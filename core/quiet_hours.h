#pragma once
// Quiet hours (SPEC §5, docs/reminders.md): a ping that can wait is held until
// the pinged member's working hours (`members tz @user <zone> <HH-HH>`). Pure:
// the zone's UTC offset comes through ZoneOffsets, which the edge implements
// from the system's zone database (app/system_zones.h); the domain reads no
// file and no clock.

#include <optional>
#include <string_view>

#include "core/committee.h"
#include "core/time.h"

namespace srcbot::core {

// The one way time-zone data reaches the domain.
// Implementations must be safe to call from any thread.
class ZoneOffsets {
 public:
  virtual ~ZoneOffsets() = default;
  // The UTC offset of `zone` at `t` (Europe/Berlin in winter: +1h); nullopt
  // when the zone is unknown.
  virtual std::optional<Duration> OffsetAt(std::string_view zone, TimePoint t) const = 0;
};

// Every zone is UTC: for tests and for a build without zone data.
class UtcZones : public ZoneOffsets {
 public:
  std::optional<Duration> OffsetAt(std::string_view, TimePoint) const override {
    return Duration(0);
  }
};

// Whether `t` falls inside `hours` in its zone. A zone `zones` does not know
// counts as UTC (the hours still apply).
bool InWorkingHours(const WorkingHours& hours, const ZoneOffsets& zones, TimePoint t);

// The earliest time at or after `t` inside `hours` (`t` itself when inside).
TimePoint NextWorkingTime(const WorkingHours& hours, const ZoneOffsets& zones, TimePoint t);

}  // namespace srcbot::core
