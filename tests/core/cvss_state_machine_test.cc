// The state machine applying CvssCommand: where, by whom, and what it records.
#include <catch2/catch.hpp>

#include "core/case_state_machine.h"
#include "tests/fakes/fake_clock.h"

using namespace srcbot::core;
using srcbot::testing::TestNow;

namespace {

const Actor kAlice{"alice", true, "src"};
const std::string kVector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N";  // 3.1 Low

Case CaseIn(Stage stage) {
  Case c;
  c.id = 7;
  c.title = "Signature bypass";
  c.received_at = TestNow() - std::chrono::hours(2);
  c.stage = stage;
  c.team = {{"dana", false, true, false, ""}, {"olly", true, false, false, ""}};
  return c;
}

}  // namespace

TEST_CASE("state machine: cvss is accepted in every open stage, refused once closed", "[cvss]") {
  for (Stage stage : {Stage::kReported, Stage::kTriage, Stage::kFixTeam, Stage::kFixDevelopment,
                      Stage::kReleaseScheduled, Stage::kReleased, Stage::kRetrospective}) {
    INFO(StageName(stage));
    auto r = ApplyCommand(CaseIn(stage), CvssCommand{kVector}, kAlice, TestNow());
    REQUIRE(r.ok());
    CHECK(r.value().after.cvss_vector == kVector);
    CHECK(r.value().after.cvss_score == 3.1);
    CHECK(r.value().after.stage == stage);
    REQUIRE(r.value().events.size() == 1);
    CHECK(r.value().events[0].kind == "cvss");
    CHECK(r.value().messages.size() == 1);
  }
  auto closed = ApplyCommand(CaseIn(Stage::kClosed), CvssCommand{kVector}, kAlice, TestNow());
  CHECK(closed.status().code() == Code::kConflict);
}

TEST_CASE("state machine: cvss by the SRC or the case's approved fix team only", "[cvss]") {
  Case c = CaseIn(Stage::kFixDevelopment);
  CHECK(ApplyCommand(c, CvssCommand{kVector}, Actor{"dana", false, "src"}, TestNow()).ok());
  CHECK(ApplyCommand(c, CvssCommand{kVector}, Actor{"olly", false, "src"}, TestNow())
            .status()
            .code() == Code::kPermissionDenied);  // pending outside member
  CHECK(ApplyCommand(c, CvssCommand{kVector}, Actor{"eve", false, "src"}, TestNow())
            .status()
            .code() == Code::kPermissionDenied);
}

TEST_CASE("state machine: an invalid vector is an invalid argument with its reason", "[cvss]") {
  Case c = CaseIn(Stage::kFixDevelopment);
  auto r = ApplyCommand(c, CvssCommand{"CVSS:3.1/AV:N/AC:<b>"}, kAlice, TestNow());
  CHECK(r.status().code() == Code::kInvalidArgument);
  // The reason quotes what was typed, escaped for Slack.
  CHECK(r.status().message() ==
        "invalid CVSS vector: bad value \"&lt;b&gt;\" for AC: expected L or H");
  CHECK(ApplyCommand(c, CvssCommand{""}, kAlice, TestNow()).status().message() ==
        "invalid CVSS vector: empty vector");
}

TEST_CASE("state machine: a new cvss score ends slow when it is 4.0 or more", "[cvss]") {
  Case c = CaseIn(Stage::kFixDevelopment);
  c.cvss_score = 3.1;
  c.slow = true;
  auto low = ApplyCommand(c, CvssCommand{kVector}, kAlice, TestNow());
  REQUIRE(low.ok());
  CHECK(low.value().after.slow);
  auto high = ApplyCommand(
      c, CvssCommand{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N"}, kAlice,
      TestNow());
  REQUIRE(high.ok());
  CHECK(high.value().after.cvss_score == 6.9);
  CHECK_FALSE(high.value().after.slow);
  CHECK(high.value().events[0].text.find("No longer slow") != std::string::npos);
}
