#pragma once
// SystemZones: core::ZoneOffsets from the system's zone database (the TZif
// files of the tzdata package under /usr/share/zoneinfo). GCC 12's standard
// library has no std::chrono::locate_zone, so the files are read here.
//
// Times after a zone's last recorded transition keep that transition's
// offset: Debian's tzdata files list transitions up to 2037. Zone names are
// checked with core::PlausibleTimeZone before a file is opened, so a name
// cannot walk out of the directory. A zone that cannot be read is unknown
// (nullopt), and the reminders then count its hours as UTC.
//
// Thread safety: OffsetAt may be called from any thread; each file is read
// once and cached.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/quiet_hours.h"

namespace srcbot::app {

// One zone's transitions, from a TZif file.
struct ZoneTable {
  std::vector<std::int64_t> transitions;  // Unix seconds, ascending
  std::vector<std::uint8_t> type_of;      // transitions[i] switches to offsets[type_of[i]]
  std::vector<std::int32_t> offsets;      // UTC offset of each local time type, in seconds

  std::int32_t OffsetAt(std::int64_t t) const;
};

// Parses the bytes of a TZif file (RFC 8536, versions 1–4; the 64-bit block
// when present). nullopt when malformed.
std::optional<ZoneTable> ParseTzif(std::string_view bytes);

class SystemZones : public core::ZoneOffsets {
 public:
  explicit SystemZones(std::string root = "/usr/share/zoneinfo") : root_(std::move(root)) {}
  std::optional<core::Duration> OffsetAt(std::string_view zone, core::TimePoint t) const override;

 private:
  const std::string root_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::optional<ZoneTable>, std::less<>> cache_;  // guarded by mu_
};

}  // namespace srcbot::app
