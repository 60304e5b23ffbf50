#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;
using testing::ReadyToRelease;

TEST_CASE("release verb: posts to both public channels when they are configured", "[release]") {
  Fixture f;
  f.options.general_channel = "general";
  f.options.development_channel = "development";
  commands::CommandService service{f.store, f.clock, f.options};
  auto run = [&](const std::string& text) { return service.Handle({"alice", "src", text}); };
  run("report \"Heap overflow\" --repo acme/widget");
  run("ack SRC-1");
  run("triage SRC-1 --replicated yes");
  run("team SRC-1 add @dana");
  run("fixed SRC-1");
  run("cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  run("summary SRC-1 \"A crafted file crashes the parser.\"");
  run("release-day SRC-1 next");
  size_t before = f.store.outbox.size();
  auto reply = run("release SRC-1 --version 1.4.2 --release-url <https://example.com/r/1.4.2>");
  CHECK(reply.text.find("Error") == std::string::npos);
  // The SRC channel's record, both public posts, and (no GitHub here) the
  // unchecked gate's note to the SRC channel.
  REQUIRE(f.store.outbox.size() == before + 4);
  CHECK(f.store.outbox[before + 1].item.channel == "general");
  CHECK(f.store.outbox[before + 1].item.release_of == std::optional<core::CaseId>(1));
  CHECK(f.store.outbox[before + 2].item.channel == "development");
  CHECK(f.store.cases[1].public_summary == "A crafted file crashes the parser.");
  CHECK_FALSE(f.store.cases[1].embargoed);
}

TEST_CASE("release verb: without public channels it releases and says nothing was posted",
          "[release]") {
  Fixture f;
  ReadyToRelease(f);
  size_t before = f.store.outbox.size();
  auto reply = f.Run("release SRC-1 --version 1.4.2 --release-url https://example.com/r", "alice", "CDM");
  CHECK(f.store.outbox.size() == before + 2);  // the SRC channel's record and the gate's note
  CHECK(reply.fallback.find("Not posted publicly: set --general-channel --development-channel") !=
        std::string::npos);
  CHECK(f.store.cases[1].stage == core::Stage::kReleased);
}

TEST_CASE("release verb: bad input changes nothing", "[release]") {
  Fixture f;
  ReadyToRelease(f);
  std::string snapshot = f.Snapshot();
  for (const char* bad : {"release SRC-1 --release-url https://example.com/r",
                          "release SRC-1 --version 1.0 --release-url not-a-link",
                          "release SRC-1 --version 1.0", "release SRC-1 extra --version 1.0",
                          "release --version 1.0 --release-url https://example.com/r",
                          "summary SRC-1", "summary SRC-1 \"a\" \"b\"",
                          "release-day SRC-1 someday", "release-day SRC-1 2020-01-01",
                          "retro SRC-1 --done", "link SRC-1 not-a-url",
                          "link SRC-1 https://example.com/pr/1 \"a\" extra"}) {
    INFO(bad);
    CHECK(f.Run(bad).text.starts_with("Error: "));
  }
  CHECK(f.Run("release SRC-1 --version 1 --release-url https://e.com/r", "dana").text.starts_with("Error: "));
  CHECK(f.Snapshot() == snapshot);
}

TEST_CASE("release verb: without GitHub it releases, and says the gate was not checked",
          "[release][release-gate]") {
  Fixture f;  // no options.releases: GitHub is not configured
  ReadyToRelease(f);
  size_t before = f.store.outbox.size();
  auto reply = f.Run("release SRC-1 --version 1.4.2 --release-url https://example.com/r");
  CHECK(f.store.cases[1].stage == core::Stage::kReleased);
  // On the timeline, before the release itself.
  std::vector<std::string> kinds;
  for (const core::Event& e : f.store.events) kinds.push_back(e.kind);
  auto gate = std::find(kinds.begin(), kinds.end(), "release-gate");
  REQUIRE(gate != kinds.end());
  CHECK(std::find(gate, kinds.end(), "released") != kinds.end());
  const core::Event& event = f.store.events[static_cast<size_t>(gate - kinds.begin())];
  CHECK_THAT(event.text, Catch::StartsWith("Release gate not checked: GitHub is not configured") &&
                             Catch::Contains("1.4.2"));
  // In the reply to who typed it, and where details may not go.
  CHECK_THAT(reply.text, Catch::Contains("Release gate not checked: GitHub is not configured"));
  auto elsewhere = [&] {
    Fixture g;
    ReadyToRelease(g);
    return g.Run("release SRC-1 --version 1.4.2 --release-url https://example.com/r", "alice",
                 "CDM");
  }();
  CHECK_THAT(elsewhere.fallback,
             Catch::Contains("Release gate not checked: GitHub is not configured (--github-token).") &&
                 !Catch::Contains("1.4.2"));
  // And to the whole SRC.
  bool posted = false;
  for (size_t i = before; i < f.store.outbox.size(); ++i) {
    const auto& item = f.store.outbox[i].item;
    if (item.channel == "src" && item.text.starts_with("Release gate not checked")) posted = true;
  }
  CHECK(posted);
}
