#include "core/retrospective.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"

using namespace srcbot;
using namespace std::chrono;

namespace {

core::Case Released() {
  core::TimePoint t0 = testing::TestNow();
  core::Case c;
  c.id = 4;
  c.title = "Path traversal";
  c.received_at = t0;
  c.acknowledged_at = t0 + hours(2);        // met, 22h early
  c.team_formed_at = t0 + hours(30);        // missed by 6h
  c.fixed_at = t0 + days(6);                // met, 1d early
  c.released_at = t0 + days(22);            // missed by 1d
  c.team = {{"UDANA", false, true, false, ""}};
  c.credit = "Rita Reporter";
  c.release_url = "https://example.com/r";
  c.stage = core::Stage::kReleased;
  c.embargoed = false;
  return c;
}

}  // namespace

TEST_CASE("retro: each stage against its deadline", "[release]") {
  core::Deadline d{core::DeadlineKind::kFix, testing::TestNow(), testing::TestNow() + hours(10), std::nullopt};
  CHECK(core::DeadlineVerdict(d, testing::TestNow() + hours(4)) == "open, due in 6h 0m");
  CHECK(core::DeadlineVerdict(d, testing::TestNow() + hours(13)) == "missed: 3h 0m overdue");
  d.met_at = testing::TestNow() + hours(10);
  CHECK(core::DeadlineVerdict(d, testing::TestNow()) == "met, 0m early");
  d.met_at = testing::TestNow() + hours(35);
  CHECK(core::DeadlineVerdict(d, testing::TestNow()) == "missed by 1d 1h");

  core::Case c = Released();
  std::vector<core::Event> timeline = {
      {4, testing::TestNow(), "UALICE", "src", "reported", "x"},
      {4, testing::TestNow() + days(1), "UDANA", "src", "link", "fix: https://example.com/pr/1"}};
  std::string retro = core::RenderRetrospective(c, timeline, {}, testing::TestNow() + days(23));
  CHECK_THAT(retro, Catch::Contains("acknowledge: due") && Catch::Contains("met, 22h 0m early"));
  CHECK_THAT(retro, Catch::Contains("fix team: due") && Catch::Contains("missed by 6h 0m"));
  CHECK_THAT(retro, Catch::Contains("fix ready: due") && Catch::Contains("met, 1d 0h early"));
  CHECK_THAT(retro, Catch::Contains("release: due") && Catch::Contains("missed by 1d 0h"));
  CHECK_THAT(retro, Catch::Contains("retrospective: due") && Catch::Contains("open, due in 2d 0h"));
  CHECK_THAT(retro, Catch::Contains("<@UALICE>") && Catch::Contains("Fix team: <@UDANA>"));
  CHECK_THAT(retro, Catch::Contains("Reporter: Rita Reporter"));
  CHECK_THAT(retro, Catch::Contains("fix: https://example.com/pr/1"));
  CHECK_THAT(retro, Catch::Contains("release: https://example.com/r"));
  CHECK_THAT(retro, Catch::Contains("What went well"));
}

TEST_CASE("retro: done closes a released case as fixed, and only then", "[release]") {
  core::Actor alice{"UALICE", true, "src"};
  core::TimePoint now = testing::TestNow() + days(23);
  auto done = core::FinishRetrospective(Released(), alice, now);
  REQUIRE(done.ok());
  CHECK(done.value().after.stage == core::Stage::kClosed);
  CHECK(done.value().after.resolution == core::Resolution::kFixed);
  CHECK(done.value().after.retro_done_at == now);
  core::Case unreleased = Released();
  unreleased.released_at.reset();
  CHECK(core::FinishRetrospective(unreleased, alice, now).status().code() == core::Code::kConflict);
  CHECK_FALSE(core::FinishRetrospective(done.value().after, alice, now).ok());
  CHECK_FALSE(core::FinishRetrospective(Released(), core::Actor{"UDANA", false, "src"}, now).ok());
}
