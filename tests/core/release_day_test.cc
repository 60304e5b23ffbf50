#include "core/release_day.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"

using namespace srcbot;
using namespace std::chrono;

namespace {

core::TimePoint At(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return core::TimePoint(sys_days(year{y} / month{m} / day{d})) + hours(hour) + minutes(minute);
}

std::string Slot(core::TimePoint now, const core::ReleaseDayPolicy& policy = {}) {
  return core::FormatIso(core::ProposeReleaseSlot(now, policy, std::nullopt).slot);
}

const core::Actor kAlice{"alice", true, "src"};

core::Case Fixed() {
  core::Case c;
  c.id = 3;
  c.stage = core::Stage::kFixDevelopment;
  c.fixed_at = At(2026, 11, 20, 9);
  return c;
}

}  // namespace

TEST_CASE("release day: the next slot from each day of the week", "[release]") {
  // 2026-11-23 is a Monday. From 10:00 on each day, at least 24 hours ahead.
  CHECK(Slot(At(2026, 11, 23, 10)) == "2026-11-24T16:00:00Z");  // Mon → Tue
  CHECK(Slot(At(2026, 11, 24, 10)) == "2026-11-25T16:00:00Z");  // Tue → Wed
  CHECK(Slot(At(2026, 11, 25, 10)) == "2026-11-26T16:00:00Z");  // Wed → Thu
  CHECK(Slot(At(2026, 11, 26, 10)) == "2026-11-30T16:00:00Z");  // Thu → not Fri: Mon
  CHECK(Slot(At(2026, 11, 27, 10)) == "2026-11-30T16:00:00Z");  // Fri → Mon
  CHECK(Slot(At(2026, 11, 28, 10)) == "2026-11-30T16:00:00Z");  // Sat → Mon
  CHECK(Slot(At(2026, 11, 29, 10)) == "2026-11-30T16:00:00Z");  // Sun → Mon
  // After 16:00, tomorrow's slot is less than a day ahead.
  CHECK(Slot(At(2026, 11, 23, 16, 1)) == "2026-11-25T16:00:00Z");
  CHECK(Slot(At(2026, 11, 23, 16, 0)) == "2026-11-24T16:00:00Z");  // exactly 24 h is enough
}

TEST_CASE("release day: holidays, month and year ends, another hour", "[release]") {
  core::ReleaseDayPolicy policy;
  policy.holidays = {year{2026} / 12 / 24, year{2026} / 12 / 28, year{2026} / 12 / 29,
                     year{2026} / 12 / 30, year{2026} / 12 / 31, year{2027} / 1 / 4};
  // Wed 23 Dec: Thu 24 is a holiday, then the weekend and the holidays until
  // the new year; Fri 1 Jan is a Friday; Mon 4 Jan is a holiday.
  CHECK(Slot(At(2026, 12, 23, 9), policy) == "2027-01-05T16:00:00Z");
  // A month end: Mon 30 Nov → Tue 1 Dec.
  CHECK(Slot(At(2026, 11, 30, 9)) == "2026-12-01T16:00:00Z");
  policy.hour_utc = 9;
  CHECK(Slot(At(2027, 1, 5, 10), policy) == "2027-01-07T09:00:00Z");
}

TEST_CASE("release day: says when no slot meets the deadline", "[release]") {
  core::TimePoint now = At(2026, 11, 26, 10);  // a Thursday
  auto tight = core::ProposeReleaseSlot(now, {}, At(2026, 11, 28, 0));
  CHECK_FALSE(tight.within_deadline);
  CHECK(core::FormatIso(tight.slot) == "2026-11-30T16:00:00Z");
  auto ample = core::ProposeReleaseSlot(now, {}, At(2026, 12, 10, 0));
  CHECK(ample.within_deadline);
}

TEST_CASE("release day: setting it, with and without force", "[release]") {
  core::TimePoint now = At(2026, 11, 23, 10);
  core::ReleaseDayPolicy policy;
  policy.holidays = {year{2026} / 12 / 1};
  auto set = core::SetReleaseDay(Fixed(), {year{2026} / 11 / 26, false, ""}, kAlice, now, policy);
  REQUIRE(set.ok());
  CHECK(set.value().after.stage == core::Stage::kReleaseScheduled);
  CHECK(set.value().messages.at(0).offers == "release");  // the Release… button
  CHECK(core::FormatIso(*set.value().after.release_day) == "2026-11-26T16:00:00Z");

  for (auto day : {year{2026} / 11 / 27, year{2026} / 11 / 28, year{2026} / 12 / 1}) {
    INFO(core::FormatIsoDay(day));
    auto refused = core::SetReleaseDay(Fixed(), {day, false, ""}, kAlice, now, policy);
    CHECK_THAT(refused.status().message(), Catch::Contains("use --force --reason"));
    CHECK_FALSE(core::SetReleaseDay(Fixed(), {day, true, ""}, kAlice, now, policy).ok());
    auto forced = core::SetReleaseDay(Fixed(), {day, true, "coordinated with a distro"}, kAlice, now, policy);
    REQUIRE(forced.ok());
    CHECK_THAT(forced.value().events.back().text, Catch::Contains("forced: coordinated with a distro"));
  }
  CHECK_FALSE(core::SetReleaseDay(Fixed(), {year{2026} / 11 / 20, false, ""}, kAlice, now, policy).ok());
  core::Case unfixed = Fixed();
  unfixed.fixed_at.reset();
  CHECK(core::SetReleaseDay(unfixed, {year{2026} / 11 / 26, false, ""}, kAlice, now, policy).status().code() ==
        core::Code::kConflict);
  CHECK(core::SetReleaseDay(Fixed(), {year{2026} / 11 / 26, false, ""}, core::Actor{"dana", false, "src"},
                            now, policy)
            .status()
            .code() == core::Code::kPermissionDenied);
}
