#include "core/quiet_hours.h"

namespace srcbot::core {
namespace {

constexpr std::int64_t kDay = 24 * 3600;

std::int64_t SecondOfDay(const WorkingHours& hours, const ZoneOffsets& zones, TimePoint t) {
  Duration offset = zones.OffsetAt(hours.zone, t).value_or(Duration(0));
  std::int64_t local = (t + offset).time_since_epoch().count();
  return ((local % kDay) + kDay) % kDay;
}

bool Inside(const WorkingHours& hours, std::int64_t second) {
  std::int64_t start = hours.start_hour * 3600;
  std::int64_t end = hours.end_hour * 3600;
  if (start < end) return start <= second && second < end;
  return second >= start || second < end;  // wraps past midnight
}

}  // namespace

bool InWorkingHours(const WorkingHours& hours, const ZoneOffsets& zones, TimePoint t) {
  return Inside(hours, SecondOfDay(hours, zones, t));
}

TimePoint NextWorkingTime(const WorkingHours& hours, const ZoneOffsets& zones, TimePoint t) {
  // The local start of the next working day is found with the offset at `t`;
  // a daylight-saving change overnight can move it by an hour, so the guess is
  // checked at the new time and corrected (twice is enough for any real zone).
  for (int i = 0; i < 3; ++i) {
    std::int64_t second = SecondOfDay(hours, zones, t);
    if (Inside(hours, second)) return t;
    std::int64_t wait = ((hours.start_hour * 3600 - second) % kDay + kDay) % kDay;
    t += Duration(wait == 0 ? 3600 : wait);
  }
  return t;
}

}  // namespace srcbot::core
