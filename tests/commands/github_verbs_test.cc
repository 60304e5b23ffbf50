#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;

namespace {

void Triaged(Fixture& f) {
  f.Run("report \"Heap overflow\" --repo acme/widget");
  f.Run("ack SRC-1");
  f.Run("triage SRC-1 --replicated yes");
}

}  // namespace

TEST_CASE("github verbs: without a token they say GitHub is not configured", "[github]") {
  Fixture f;
  Triaged(f);
  const std::string before = f.Snapshot();
  for (const char* line : {"advisory SRC-1 create", "advisory SRC-1 publish", "fork SRC-1",
                           "cve SRC-1 request", "advisory SRC-1 sync"}) {
    INFO(line);
    auto reply = f.Run(line);
    CHECK(reply.text ==
          "Error: GitHub is not configured: set --github-token (GITHUB_TOKEN); see "
          "docs/github.md");
  }
  CHECK(f.Snapshot() == before);
}

TEST_CASE("github verbs: bad arguments get the usage and change nothing", "[github]") {
  Fixture f;
  Triaged(f);
  const std::string before = f.Snapshot();
  CHECK(f.Run("advisory SRC-1")
            .text.find(
                "Error: advisory needs a case and create, publish or sync\nUsage: /src advisory") ==
        0);
  CHECK(f.Run("advisory SRC-1 delete")
            .text.find("Error: advisory needs create, publish or sync, got \"delete\"") == 0);
  CHECK(f.Run("advisory SRC-1 publish --cwe CWE-79")
            .text.find("Error: advisory publish takes no --cwe") == 0);
  CHECK(f.Run("advisory SRC-1 create extra").text.find("Error: unexpected \"extra\"") == 0);
  CHECK(f.Run("fork").text.find("Error: fork needs a case") == 0);
  CHECK(f.Run("fork SRC-1 now").text.find("Error: unexpected \"now\"") == 0);
  CHECK(f.Run("cve SRC-1").text.find("Error: cve needs a case and request or set") == 0);
  CHECK(f.Run("cve SRC-1 ask").text.find("Error: cve needs request or set, got \"ask\"") == 0);
  CHECK(f.Run("cve SRC-1 set").text.find("Error: cve set needs the CVE id") == 0);
  CHECK(f.Run("cve SRC-1 set CVE-26-1").text.find("Error: not a CVE id: \"CVE-26-1\"") == 0);
  CHECK(f.Run("advisory SRC-1 create", "eve").text ==
        "Error: only SRC members can do that. Try /src help.");
  CHECK(f.Snapshot() == before);
}

TEST_CASE("github verbs: cve set records the CVE without GitHub", "[github]") {
  Fixture f;
  Triaged(f);
  auto reply = f.Run("cve SRC-1 set cve-2026-4242", "alice", "CDM");
  CHECK(reply.text == "SRC-1's CVE is CVE-2026-4242 (set by <@alice>).");
  CHECK(f.store.cases[1].cve == "CVE-2026-4242");
  CHECK(f.store.events.back().kind == "cve-set");
  CHECK(f.Run("cve SRC-1 set CVE-2026-4242").text.find("Error: SRC-1 has CVE-2026-4242 already") ==
        0);
}
