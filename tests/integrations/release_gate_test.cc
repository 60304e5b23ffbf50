// The release gate end to end below Slack: `release` through the
// CommandService, asking the real GitHub client, which asks a FakeGithub on
// 127.0.0.1 for the release of --version (docs/release-gate.md).
#include <catch2/catch.hpp>
#include <fstream>

#include "app/record_writer.h"
#include "core/advisory_records.h"
#include "integrations/release_lookup.h"
#include "tests/commands/command_fixture.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integrations/github_fixture.h"

using namespace srcbot;
using testing::Fixture;

namespace {

const app::AppRecordWriter kRecords("acme Security Response Committee");

struct Gate {
  testing::GithubFixture gh;
  Fixture f;
  integrations::GithubReleaseSource releases{*gh.http, gh.Options(testing::FakeGithub::kToken),
                                             [](std::chrono::milliseconds) {}};
  testing::TempDir osv_dir;
  std::unique_ptr<commands::CommandService> service;

  Gate() {
    f.options.general_channel = "general";
    f.options.development_channel = "development";
    f.options.releases = &releases;
    f.options.records = &kRecords;
    f.options.osv_dir = osv_dir.path().string();
    service = std::make_unique<commands::CommandService>(f.store, f.clock, f.options);
    ReadyToRelease(f);
    f.Run("cve SRC-1 set CVE-2026-4242");
  }

  commands::Reply Run(const std::string& text) { return service->Handle({"alice", "src", text}); }
  commands::Reply Release(const std::string& extra = "") {
    return Run(
        "release SRC-1 --version 1.4.2 --release-url "
        "https://github.com/acme/widget/releases/tag/v1.4.2" +
        extra);
  }
  bool Released() { return !f.store.cases[1].embargoed; }
  std::string Timeline() {
    std::string out;
    for (const core::Event& e : f.store.events) out += e.kind + ": " + core::EventSummary(e) + "\n";
    return out;
  }
};

}  // namespace

TEST_CASE("release gate: an unsigned binary is refused, named, and nothing is posted",
          "[release-gate][github]") {
  Gate g;
  g.gh.github.AddRelease("acme/widget", "v1.4.2", false,
                         {"widget-linux-amd64", "widget-linux-amd64.sigstore.json",
                          "widget-darwin-arm64", "checksums.txt"});
  size_t outbox = g.f.store.outbox.size();
  size_t events = g.f.store.events.size();
  auto reply = g.Release();
  CHECK_THAT(reply.text, Catch::Contains("Not released"));
  CHECK_THAT(reply.text, Catch::Contains("widget-darwin-arm64 is not signed"));
  CHECK_THAT(reply.text, !Catch::Contains("widget-linux-amd64 is not signed"));
  CHECK_FALSE(g.Released());
  CHECK(g.f.store.outbox.size() == outbox);
  CHECK(g.f.store.events.size() == events);
  // It asked for the tag as typed, then with the v.
  CHECK(g.gh.github.Calls("GET", "/repos/acme/widget/releases/tags/1.4.2").size() == 1);
  CHECK(g.gh.github.Calls("GET", "/repos/acme/widget/releases/tags/v1.4.2").size() == 1);
}

TEST_CASE("release gate: a draft release is refused", "[release-gate][github]") {
  Gate g;
  g.gh.github.AddRelease("acme/widget", "v1.4.2", true, {"widget", "widget.sigstore.json"});
  CHECK_THAT(g.Release().text, Catch::Contains("still a draft"));
  CHECK_FALSE(g.Released());
}

TEST_CASE("release gate: a missing release is refused", "[release-gate][github]") {
  Gate g;
  g.gh.github.AddRelease("acme/widget", "v1.4.1", false, {"widget", "widget.sigstore.json"});
  CHECK_THAT(g.Release().text, Catch::Contains("no GitHub release of 1.4.2 in acme/widget"));
  CHECK_FALSE(g.Released());
}

TEST_CASE("release gate: GitHub unreachable refuses, it does not pass", "[release-gate][github]") {
  Gate g;
  g.gh.github.Script("GET", "/repos/acme/widget/releases", {503, {{"message", "down"}}, {}}, 10);
  auto reply = g.Release();
  CHECK_THAT(reply.text, Catch::Contains("could not ask GitHub"));
  CHECK_FALSE(g.Released());
  g.gh.github.Stop();
  CHECK_THAT(g.Release().text, Catch::Contains("could not ask GitHub"));
  CHECK_FALSE(g.Released());
}

TEST_CASE(
    "release gate: a signed release is accepted, with the records attached and the OSV file "
    "written",
    "[release-gate][github][records]") {
  Gate g;
  g.gh.github.AddRelease(
      "acme/widget", "v1.4.2", false,
      {"widget-linux-amd64", "widget-linux-amd64.sigstore.json", "widget.exe", "widget.exe.sig",
       "widget.exe.pem", "checksums.txt", "checksums.txt.sig"});
  size_t outbox = g.f.store.outbox.size();
  auto reply = g.Release();
  INFO(reply.text);
  CHECK(g.Released());
  CHECK(g.f.store.outbox.size() == outbox + 3);  // the SRC channel, general, development
  std::string timeline = g.Timeline();
  CHECK_THAT(timeline, Catch::Contains("release-gate: Release gate passed"));
  CHECK_THAT(timeline, Catch::Contains("attached-osv: OSV record CVE-2026-4242 attached to SRC-1"));
  CHECK_THAT(timeline, Catch::Contains("attached-csaf: CSAF advisory attached to SRC-1"));
  CHECK_THAT(reply.text, Catch::Contains("OSV record written to"));
  std::ifstream file(g.osv_dir.File("CVE-2026-4242.json"));
  REQUIRE(file.good());
  auto osv = nlohmann::json::parse(file);
  CHECK(osv["id"] == "CVE-2026-4242");
  // The timeline shows the attachment's line, not the record.
  CHECK_THAT(g.Run("timeline SRC-1").text, !Catch::Contains("\"schema_version\""));
  CHECK_THAT(g.Run("export SRC-1 --format osv").text, Catch::Contains("CVE-2026-4242"));
}

TEST_CASE("release gate: --force --reason overrides and is recorded", "[release-gate][github]") {
  Gate g;
  g.gh.github.AddRelease("acme/widget", "v1.4.2", false, {"widget"});
  auto alone = g.Release(" --force");
  CHECK_THAT(alone.text, Catch::Contains("--force needs --reason"));
  CHECK_FALSE(g.Released());
  auto reply = g.Release(" --force --reason \"signatures are on the project's own mirror\"");
  INFO(reply.text);
  CHECK(g.Released());
  std::string timeline = g.Timeline();
  CHECK_THAT(timeline, Catch::Contains("Release gate overridden by <@alice> (--force), reason: "
                                       "signatures are on the project's own mirror"));
  CHECK_THAT(timeline, Catch::Contains("widget is not signed"));
  // The SRC channel hears of the override, besides the release itself.
  bool posted = false;
  for (const auto& m : g.f.store.outbox) {
    posted =
        posted || (m.item.channel == "src" && m.item.text.find("Release gate overridden") == 0);
  }
  CHECK(posted);
}
