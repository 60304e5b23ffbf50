#include "app/case_export.h"

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
