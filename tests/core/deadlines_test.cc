#include "core/deadlines.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"

using namespace srcbot::core;
using namespace std::chrono;
using srcbot::testing::TestNow;

namespace {

Case Received(TimePoint at) {
  Case c;
  c.id = 1;
  c.received_at = at;
  return c;
}

TimePoint Due(const std::vector<Deadline>& ds, DeadlineKind kind) {
  for (const Deadline& d : ds) {
    if (d.kind == kind) return d.due;
  }
  FAIL("no deadline");
  return {};
}

}  // namespace

TEST_CASE("deadlines: the process windows count from receipt") {
  TimePoint r = TestNow();
  auto ds = Deadlines(Received(r), DeadlinePolicy{});
  REQUIRE(ds.size() == 4);  // no retrospective before release
  CHECK(Due(ds, DeadlineKind::kAcknowledge) == r + hours(24));
  CHECK(Due(ds, DeadlineKind::kFixTeam) == r + hours(24));
  CHECK(Due(ds, DeadlineKind::kFix) == r + days(7));
  CHECK(Due(ds, DeadlineKind::kRelease) == r + days(21));
}

TEST_CASE("deadlines: public compresses every open window") {
  TimePoint r = TestNow();
  Case c = Received(r);
  c.is_public = true;
  c.public_at = r;
  auto ds = Deadlines(c, DeadlinePolicy{});
  CHECK(Due(ds, DeadlineKind::kAcknowledge) == r + hours(1));
  CHECK(Due(ds, DeadlineKind::kFixTeam) == r + hours(4));
  CHECK(Due(ds, DeadlineKind::kFix) == r + hours(48));
  CHECK(Due(ds, DeadlineKind::kRelease) == r + hours(72));

  SECTION("going public later counts from then, never later than the normal deadline") {
    c.public_at = r + days(3);
    auto later = Deadlines(c, DeadlinePolicy{});
    CHECK(Due(later, DeadlineKind::kAcknowledge) == r + hours(24));
    CHECK(Due(later, DeadlineKind::kFix) == r + days(3) + hours(48));
    CHECK(Due(later, DeadlineKind::kRelease) == r + days(3) + hours(72));
  }
}

TEST_CASE("deadlines: slow extends fix and release only") {
  TimePoint r = TestNow();
  Case c = Received(r);
  c.slow = true;
  auto ds = Deadlines(c, DeadlinePolicy{});
  CHECK(Due(ds, DeadlineKind::kAcknowledge) == r + hours(24));
  CHECK(Due(ds, DeadlineKind::kFix) == r + days(14));
  CHECK(Due(ds, DeadlineKind::kRelease) == r + days(42));
  DeadlinePolicy triple;
  triple.slow_factor = 3;
  CHECK(Due(Deadlines(c, triple), DeadlineKind::kRelease) == r + days(63));
}

TEST_CASE("deadlines: met, retrospective and closed cases") {
  TimePoint r = TestNow();
  Case c = Received(r);
  c.acknowledged_at = r + hours(2);
  c.released_at = r + days(10);
  auto ds = Deadlines(c, DeadlinePolicy{});
  REQUIRE(ds.size() == 5);
  CHECK(ds[0].met_at == r + hours(2));
  CHECK(Due(ds, DeadlineKind::kRetrospective) == r + days(13));
  c.stage = Stage::kClosed;
  auto closed = Deadlines(c, DeadlinePolicy{});
  CHECK(closed.size() == 2);  // only the met ones remain
}
