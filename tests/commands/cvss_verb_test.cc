// /src cvss: stores the vector and score, shows them, refuses bad vectors
// and people who are neither on the SRC nor on the case's fix team.
#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;

namespace {

const std::string kCritical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const std::string kLow = "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N";

// A case in fix-development with dana on its fix team.
void ToFixDevelopment(Fixture& f) {
  (void)f.Run("report Leak");
  (void)f.Run("ack 1");
  (void)f.Run("triage 1 --replicated yes");
  (void)f.Run("team 1 add @dana");
  REQUIRE(f.store.cases.at(1).stage == core::Stage::kFixDevelopment);
}

}  // namespace

TEST_CASE("cvss verb: stores vector and score, records it, and show shows it", "[cvss]") {
  Fixture f;
  ToFixDevelopment(f);
  size_t events = f.store.events.size();
  CHECK(f.Run("cvss SRC-1 " + kCritical).text.empty());  // typed in #src: the post says it
  const core::Case& c = f.store.cases.at(1);
  CHECK(c.cvss_vector == kCritical);
  REQUIRE(c.cvss_score.has_value());
  CHECK(*c.cvss_score == 9.8);
  REQUIRE(f.store.events.size() == events + 1);
  CHECK(f.store.events.back().kind == "cvss");
  CHECK(f.store.events.back().text ==
        "SRC-1 scored 9.8 Critical (CVSS 3.1 base score) by <@alice>: " + kCritical + ".");
  CHECK(f.store.outbox.back().item.text == f.store.events.back().text);
  CHECK(f.store.outbox.back().item.channel == "src");

  CHECK_THAT(f.Run("show 1").text, Catch::Contains("CVSS: 9.8 Critical (" + kCritical + ")"));
  CHECK_THAT(f.Run("timeline 1").text, Catch::Contains("scored 9.8 Critical"));
}

TEST_CASE("cvss verb: the reply elsewhere carries vector, score and severity", "[cvss]") {
  Fixture f;
  ToFixDevelopment(f);
  const std::string v4 = "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U";
  commands::Reply r = f.Run("cvss 1 " + v4, "alice", "dm-alice");
  CHECK(r.text ==
        "SRC-1 scored 5.2 Medium (CVSS-BT, CVSS 4.0; CVSS-B 7.7) by <@alice>: " + v4 + ".");
  CHECK(r.about == std::vector<core::CaseId>{1});
  CHECK_THAT(r.fallback, !Catch::Contains("5.2"));
  CHECK(*f.store.cases.at(1).cvss_score == 5.2);  // v4.0: the score of every metric given
}

TEST_CASE("cvss verb: v3.x environmental metrics decide the recorded score", "[cvss]") {
  Fixture f;
  ToFixDevelopment(f);
  (void)f.Run("cvss 1 \"" + kCritical + "/MAV:L/MPR:H\"");  // quoted works too
  CHECK(f.store.cases.at(1).cvss_score == 6.7);
  CHECK_THAT(f.store.events.back().text,
             Catch::Contains("6.7 Medium (CVSS 3.1 environmental score; base 9.8)"));
}

TEST_CASE("cvss verb: an invalid vector is refused and changes nothing", "[cvss]") {
  Fixture f;
  ToFixDevelopment(f);
  (void)f.Run("cvss 1 " + kCritical);
  std::string before = f.Snapshot();
  commands::Reply r = f.Run("cvss 1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q");
  CHECK(r.text ==
        "Error: invalid CVSS vector: bad value \"Q\" for A: expected H, L or N\n"
        "Usage: /src cvss &lt;case&gt; &lt;vector&gt;");
  CHECK(f.Snapshot() == before);
  CHECK(f.store.cases.at(1).cvss_vector == kCritical);
  CHECK(*f.store.cases.at(1).cvss_score == 9.8);

  CHECK_THAT(f.Run("cvss 1 CVSS:4.0/AC:L/AV:N").text, Catch::Contains("out of order"));
  CHECK_THAT(f.Run("cvss 1 <script>").text, Catch::StartsWith("Error: "));
  CHECK_THAT(f.Run("cvss 1").text, Catch::StartsWith("Error: cvss needs a case and a vector"));
  CHECK_THAT(f.Run("cvss 1 CVSS:3.1/AV:N extra").text, Catch::Contains("a vector has no spaces"));
  CHECK_THAT(f.Run("cvss 1 @bob").text, Catch::Contains("expected a CVSS vector"));
  CHECK_THAT(f.Run("cvss 9 " + kCritical).text, Catch::Contains("SRC-9"));
  CHECK(f.Snapshot() == before);
  CHECK(f.store.cases.at(1).cvss_vector == kCritical);
}

TEST_CASE("cvss verb: the SRC and the case's fix team may score, nobody else", "[cvss]") {
  Fixture f;
  ToFixDevelopment(f);
  (void)f.Run("team 1 add @olly --outside");  // pending: not yet on the team
  CHECK(f.Run("cvss 1 " + kLow, "dana").text.empty());
  CHECK(f.store.cases.at(1).cvss_vector == kLow);

  std::string before = f.Snapshot();
  CHECK_THAT(f.Run("cvss 1 " + kCritical, "olly").text,
             Catch::Contains("only the SRC and SRC-1's fix team"));
  CHECK_THAT(f.Run("cvss 1 " + kCritical, "eve", "general").text, Catch::StartsWith("Error: only"));
  CHECK(f.Snapshot() == before);
  CHECK(f.store.cases.at(1).cvss_vector == kLow);
}

TEST_CASE("cvss verb: a score below 4.0 allows slow; a higher score ends it", "[cvss]") {
  Fixture f;
  ToFixDevelopment(f);
  CHECK_THAT(f.Run("slow 1 --reason holidays", "alice", "dm").text,
             Catch::Contains("no CVSS score yet"));
  (void)f.Run("cvss 1 " + kLow);
  CHECK(*f.store.cases.at(1).cvss_score == 1.6);
  CHECK_THAT(f.store.events.back().text, Catch::Contains("Below 4.0: the fix team may slow down"));
  (void)f.Run("slow 1 --reason holidays");
  CHECK(f.store.cases.at(1).slow);
  (void)f.Run("cvss 1 " + kCritical);
  CHECK_FALSE(f.store.cases.at(1).slow);
  CHECK_THAT(f.store.events.back().text, Catch::Contains("No longer slow"));
}

TEST_CASE("cvss verb: refused on a closed case, listed by help", "[cvss]") {
  Fixture f;
  ToFixDevelopment(f);
  CHECK_THAT(f.Run("help").text, Catch::Contains("/src cvss &lt;case&gt; &lt;vector&gt;"));
  (void)f.Run("close 1 --reason duplicate");
  CHECK(f.Run("cvss 1 " + kCritical).text == "Error: cannot cvss SRC-1 while it is closed");
  CHECK(f.store.cases.at(1).cvss_vector.empty());
}
