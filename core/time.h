#pragma once
// Time in srcbot: whole seconds since the Unix epoch, UTC. The domain never
// reads the clock; it is handed `now` by the caller, which gets it from a Clock.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace srcbot::core {

using TimePoint = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;

// The one interface through which the current time enters the program.
// Implementations must be safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// "2026-11-25T15:09:00Z"
std::string FormatIso(TimePoint t);
// "2026-11-25 15:09 UTC", for people.
std::string FormatHuman(TimePoint t);
// "3d 4h", "2h 5m", "45m", "0m"; negative durations are formatted by magnitude.
std::string FormatDuration(Duration d);

// Accepts "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDTHH:MM[:SS]" with an optional
// "Z" or "+HH:MM"/"-HH:MM" offset (no offset means UTC), and a space instead of
// the "T". Returns nullopt for anything else, including impossible dates.
std::optional<TimePoint> ParseIsoTime(std::string_view text);

// "2026-11-25".
std::string FormatIsoDay(std::chrono::year_month_day day);

// Parses "YYYY-MM-DD" into a calendar date; nullopt when malformed or impossible.
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

}  // namespace srcbot::core
