#include "bot/outbox_worker.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/recording_sink.h"

using namespace srcbot;

TEST_CASE("outbox: each message is sent, held or kept for another try") {
  testing::MemoryCaseStore store;
  testing::FakeDirectory directory;
  auto sent = std::make_shared<std::vector<testing::Sent>>();
  auto owned = std::make_unique<testing::RecordingSink>(sent);
  testing::RecordingSink* sink = owned.get();
  bot::EmbargoGuard guard(store, directory, std::move(owned));
  bot::OutboxWorker worker(store, guard);
  (void)store.SeedMembers({"alice"}, testing::TestNow());
  core::Case c;
  c.id = 1;
  store.cases[1] = c;
  directory.channels["src"] = {"src", false, true, false, false, false, false, {"alice"}};
  directory.channels["general"] = {"general", false, false, false, false, false, false, {"alice", "eve"}};

  using S = testing::MemoryCaseStore::Stored;
  store.outbox.push_back(S{{1, "src", false, "to src", {1}, {}, 0}, core::OutboxState::kPending, ""});
  store.outbox.push_back(S{{2, "general", false, "leak", {1}, {}, 0}, core::OutboxState::kPending, ""});

  bot::DrainReport first = worker.Drain();
  CHECK(first.sent == 1);
  CHECK(first.held == 1);
  CHECK(store.outbox[0].state == core::OutboxState::kSent);
  CHECK(store.outbox[1].state == core::OutboxState::kHeld);
  CHECK(worker.Drain().sent == 0);  // nothing is delivered twice

  store.outbox.push_back(S{{3, "src", false, "later", {1}, {}, 0}, core::OutboxState::kPending, ""});
  sink->fail = true;
  CHECK(worker.Drain().failed == 1);
  CHECK(store.outbox[2].state == core::OutboxState::kPending);
  sink->fail = false;
  CHECK(worker.Drain().sent == 1);
  REQUIRE(sent->size() == 2);
  CHECK(sent->at(1).text == "later");
}
