#include "bot/console/console.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "bot/console/console_workspace.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/test_egress.h"

using namespace srcbot;

namespace {

std::string RunScript(testing::MemoryCaseStore& store, const std::string& script) {
  testing::FakeClock clock{testing::TestNow()};
  std::ostringstream out;
  bot::ConsoleWorkspace ws(store);
  bot::EmbargoGuard guard(store, ws, testing::SinkOf<bot::ConsoleSink>(nullptr, std::ref(out)));
  bot::OutboxWorker outbox(store, guard);
  commands::CommandService service(store, clock, {"src", core::DeadlinePolicy{}});
  bot::Console console(service, guard, outbox, "alice");
  std::istringstream in(script);
  CHECK(console.Run(in, out, false) == 0);
  return out.str();
}

}  // namespace

TEST_CASE("console: a script runs as the chosen user in the chosen channel") {
  testing::MemoryCaseStore store;
  (void)store.SeedMembers({"alice", "bob"}, testing::TestNow());
  std::string out = RunScript(store,
                              "/src report \"Token leak\" --repo sigstore/rekor\n"
                              "# a comment line\n"
                              ":as bob\n"
                              "ack SRC-1\n"
                              ":in #general\n"
                              "show 1\n"
                              ":as eve\n"
                              "list\n"
                              ":in #nowhere\n"
                              ":quit\n"
                              "show 1\n");
  CHECK_THAT(out, Catch::Contains("[#src] New report SRC-1: Token leak (sigstore/rekor)"));
  CHECK_THAT(out, Catch::Contains("[#src] SRC-1 acknowledged by @bob"));
  CHECK_THAT(out, Catch::Contains("[#general → @bob, only you] case details are only shown in the SRC's private channel"));
  CHECK_THAT(out, Catch::Contains("[#general → @eve, only you] Error: only SRC members can do that"));
  CHECK_THAT(out, Catch::Contains("console: no channel \"#nowhere\""));
  // Nothing about the case reached #general, and nothing ran after :quit.
  for (size_t at = out.find("[#general"); at != std::string::npos; at = out.find("[#general", at + 1)) {
    std::string line = out.substr(at, out.find('\n', at) - at);
    CHECK_THAT(line, !Catch::Contains("Token leak"));
    CHECK_THAT(line, !Catch::Contains("rekor"));
  }
  CHECK(store.cases.at(1).stage == core::Stage::kTriage);
}
