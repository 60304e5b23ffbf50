#include "bot/console/console_workspace.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/test_egress.h"

using namespace srcbot;

TEST_CASE("console workspace: channel facts the embargo guard relies on") {
  testing::MemoryCaseStore store;
  (void)store.SeedMembers({"alice", "bob"}, testing::TestNow());
  bot::ConsoleWorkspace ws(store);
  auto src = ws.Describe("src");
  REQUIRE(src.ok());
  CHECK(src.value().is_private);
  CHECK(src.value().members == std::vector<core::UserId>{"alice", "bob"});
  auto general = ws.Describe("general");
  REQUIRE(general.ok());
  CHECK_FALSE(general.value().is_private);
  CHECK(std::find(general.value().members.begin(), general.value().members.end(), "eve") !=
        general.value().members.end());
  CHECK(ws.Describe("random").status().code() == core::Code::kUnavailable);
}

TEST_CASE("console workspace: output format and plain mentions") {
  std::ostringstream out;
  bot::ConsoleSink sink(testing::TestEgress::Key(), out);
  (void)sink.Post("src", "SRC-1 led by <@alice> in <#C1|src>, see <https://x.dev/p|the PR>");
  (void)sink.PostEphemeral("general", "eve", "no");
  (void)sink.PostDirect("bob", "hi");
  CHECK(out.str() ==
        "[#src] SRC-1 led by @alice in #src, see the PR (https://x.dev/p)\n"
        "[#general → @eve, only you] no\n"
        "[DM @bob] hi\n");
}
