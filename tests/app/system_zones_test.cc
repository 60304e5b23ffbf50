#include "app/system_zones.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/fakes/fake_clock.h"

using namespace srcbot;
using std::chrono::hours;
using testing::TestNow;

namespace {

core::TimePoint At(const char* iso) { return *core::ParseIsoTime(iso); }

bool HaveZoneData() { return std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"); }

}  // namespace

TEST_CASE("system zones: offsets from the zone database, with daylight saving", "[app]") {
  if (!HaveZoneData()) {
    WARN("no tzdata on this machine: skipped");
    return;
  }
  app::SystemZones zones;
  CHECK(zones.OffsetAt("Europe/Berlin", At("2026-11-25T12:00Z")) == hours(1));
  CHECK(zones.OffsetAt("Europe/Berlin", At("2026-07-01T12:00Z")) == hours(2));
  CHECK(zones.OffsetAt("America/New_York", At("2026-11-25T12:00Z")) == hours(-5));
  CHECK(zones.OffsetAt("Asia/Kolkata", At("2026-11-25T12:00Z")) == std::chrono::minutes(330));
  CHECK(zones.OffsetAt("UTC", At("2026-11-25T12:00Z")) == hours(0));
  // Cached: the second answer is the same.
  CHECK(zones.OffsetAt("Europe/Berlin", At("2026-07-01T12:00Z")) == hours(2));
}

TEST_CASE("system zones: unknown or unsafe names are unknown", "[app]") {
  app::SystemZones zones;
  CHECK_FALSE(zones.OffsetAt("Europe/Atlantis", TestNow()).has_value());
  CHECK_FALSE(zones.OffsetAt("../../etc/passwd", TestNow()).has_value());
  CHECK_FALSE(zones.OffsetAt("", TestNow()).has_value());
  CHECK_FALSE(app::ParseTzif("not a zone file").has_value());
  CHECK_FALSE(app::ParseTzif("TZif2").has_value());
}

TEST_CASE("system zones: quiet hours follow the member's zone", "[app]") {
  if (!HaveZoneData()) {
    WARN("no tzdata on this machine: skipped");
    return;
  }
  app::SystemZones zones;
  core::WorkingHours berlin{"Europe/Berlin", 9, 18};
  // 2026-11-25 07:30 UTC is 08:30 in Berlin: the day starts at 08:00 UTC.
  CHECK_FALSE(core::InWorkingHours(berlin, zones, At("2026-11-25T07:30Z")));
  CHECK(core::NextWorkingTime(berlin, zones, At("2026-11-25T07:30Z")) == At("2026-11-25T08:00Z"));
  // In summer the same local hour is 07:00 UTC.
  CHECK(core::NextWorkingTime(berlin, zones, At("2026-07-01T05:00Z")) == At("2026-07-01T07:00Z"));
  // After hours: the next morning.
  CHECK(core::NextWorkingTime(berlin, zones, At("2026-11-25T17:30Z")) == At("2026-11-26T08:00Z"));
  core::WorkingHours night{"UTC", 22, 6};
  CHECK(core::InWorkingHours(night, zones, At("2026-11-25T23:00Z")));
  CHECK(core::InWorkingHours(night, zones, At("2026-11-25T05:59Z")));
  CHECK_FALSE(core::InWorkingHours(night, zones, At("2026-11-25T12:00Z")));
}
