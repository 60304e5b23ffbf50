#include "app/case_export.h"

#include <regex>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/fakes/fake_clock.h"

using namespace srcbot;

namespace {

core::Case Sample() {
  core::Case c;
  c.id = 3;
  c.title = "Leak | in <rekor>";
  c.stage = core::Stage::kClosed;
  c.resolution = core::Resolution::kDuplicate;
  c.received_at = testing::TestNow();
  c.team = {{"dana", false, true, false, "dana-gh"}};
  return c;
}

const std::vector<core::Event> kEvents = {
    {3, testing::TestNow(), "alice", "src", "reported", "New report SRC-3 by <@alice>: a &lt; b | c"},
};

}  // namespace

TEST_CASE("export: Markdown keeps the table intact and reads as plain text") {
  std::string md = app::ExportMarkdown(Sample(), kEvents);
  CHECK_THAT(md, Catch::StartsWith("# SRC-3: Leak | in <rekor>\n"));
  CHECK_THAT(md, Catch::Contains("- resolution: duplicate"));
  CHECK_THAT(md, Catch::Contains("| 2026-11-25 12:00 UTC | @alice | New report SRC-3 by @alice: a < b \\| c |"));
}

TEST_CASE("export: JSON carries the case and its timeline") {
  auto doc = nlohmann::json::parse(app::ExportJson(Sample(), kEvents));
  CHECK(doc["id"] == "SRC-3");
  CHECK(doc["resolution"] == "duplicate");
  CHECK(doc["team"][0]["github"] == "dana-gh");
  CHECK(doc["timeline"][0]["kind"] == "reported");
  CHECK(doc["timeline"][0]["text"] == "New report SRC-3 by @alice: a < b | c");
  CHECK(doc["timeline"][0]["at"] == "2026-11-25T12:00:00Z");
}

namespace {

core::EmbargoDecision Refused() {
  core::EmbargoDecision d;
  d.case_id = 3;
  d.at = testing::TestNow();
  d.outcome = "refused";
  d.kind = "ack";
  d.destination = "CGEN";
  d.recipient = "UEVE";
  d.reason = "channel is public";
  return d;
}

// A strict check of the Gantt subset the export writes: every line one of
// the forms Mermaid's gantt grammar accepts, dates in the declared format,
// no bar ending before it starts.
void CheckGantt(const std::string& md) {
  std::size_t start = md.find("```mermaid\n");
  REQUIRE(start != std::string::npos);
  std::size_t end = md.find("```\n", start + 11);
  REQUIRE(end != std::string::npos);
  std::istringstream lines(md.substr(start + 11, end - start - 11));
  std::string line;
  std::getline(lines, line);
  CHECK(line == "gantt");
  const std::regex title(R"(    title [^:#;\n]+)");
  const std::regex format(R"(    dateFormat YYYY-MM-DD HH:mm)");
  const std::regex axis(R"(    axisFormat %m-%d)");
  const std::regex section(R"(    section [a-z ]+)");
  const std::string time = R"((\d{4}-\d\d-\d\d \d\d:\d\d))";
  const std::regex task("    [a-z]+ :(?:(?:done|crit|active), )?[a-z0-9]+, " + time + ", " + time);
  int tasks = 0;
  while (std::getline(lines, line)) {
    std::smatch m;
    INFO(line);
    if (std::regex_match(line, m, task)) {
      ++tasks;
      CHECK(m[1].str() <= m[2].str());  // same format: text order is time order
      continue;
    }
    CHECK((std::regex_match(line, title) || std::regex_match(line, format) ||
           std::regex_match(line, axis) || std::regex_match(line, section)));
  }
  CHECK(tasks >= 8);
}

}  // namespace

TEST_CASE("export: the guard's decisions are in both formats") {
  std::string md = app::ExportMarkdown(Sample(), kEvents, {Refused()}, testing::TestNow());
  CHECK_THAT(md, Catch::Contains("## Embargo decisions"));
  CHECK_THAT(md, Catch::Contains("| refused | ack | CGEN | UEVE | channel is public |"));
  auto doc = nlohmann::json::parse(app::ExportJson(Sample(), kEvents, {Refused()}));
  REQUIRE(doc["embargo_decisions"].size() == 1);
  CHECK(doc["embargo_decisions"][0]["outcome"] == "refused");
  CHECK(doc["embargo_decisions"][0]["recipient"] == "UEVE");
}

TEST_CASE("export: the Markdown's Mermaid Gantt chart parses") {
  core::Case c = Sample();
  c.stage = core::Stage::kReleased;
  c.resolution = core::Resolution::kNone;
  c.acknowledged_at = testing::TestNow() + std::chrono::hours(2);
  c.team_formed_at = testing::TestNow() + std::chrono::hours(30);  // missed
  c.fixed_at = testing::TestNow() + std::chrono::days(6);
  c.released_at = testing::TestNow() + std::chrono::days(20);
  std::string md = app::ExportMarkdown(c, kEvents, {}, testing::TestNow() + std::chrono::days(21));
  CheckGantt(md);
  CHECK_THAT(md, Catch::Contains("took :crit, s1t, 2026-11-25 12:00, 2026-11-26 18:00"));
  CHECK_THAT(md, Catch::Contains("section retrospective"));
  CHECK_THAT(md, Catch::Contains("took :active, s4t"));
}

TEST_CASE("export: JSON of a title that is not UTF-8 replaces the bytes instead of aborting") {
  core::Case c = Sample();
  c.title = "bad \xff\xfe title";  // stored before commands had to be UTF-8
  nlohmann::json doc;
  REQUIRE_NOTHROW(doc = nlohmann::json::parse(app::ExportJson(c, kEvents)));
  CHECK(doc["title"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD title");
}
