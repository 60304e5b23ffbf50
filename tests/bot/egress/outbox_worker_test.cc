#include "bot/egress/outbox_worker.h"

#include <set>

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/recording_sink.h"
#include "tests/fakes/test_egress.h"

using namespace srcbot;

TEST_CASE("outbox: each message is sent, held or kept for another try") {
  testing::MemoryCaseStore store;
  testing::FakeDirectory directory;
  auto sent = std::make_shared<std::vector<testing::Sent>>();
  testing::RecordingSink* sink = nullptr;
  bot::EmbargoGuard guard(store, directory, testing::SinkOf(&sink, sent));
  bot::OutboxWorker worker(store, guard);
  (void)store.SeedMembers({"alice"}, testing::TestNow());
  core::Case c;
  c.id = 1;
  store.cases[1] = c;
  directory.channels["src"] = {"src", false, true, false, false, false, false, {"alice"}};
  directory.channels["general"] = {"general", false, false, false, false, false, false, {"alice", "eve"}};

  using S = testing::MemoryCaseStore::Stored;
  store.outbox.push_back(S{{1, "src", false, "to src", {1}, {}, 0, "", {}}, core::OutboxState::kPending, ""});
  store.outbox.push_back(S{{2, "general", false, "leak", {1}, {}, 0, "", {}}, core::OutboxState::kPending, ""});

  bot::DrainReport first = worker.Drain();
  CHECK(first.sent == 1);
  CHECK(first.held == 1);
  CHECK(store.outbox[0].state == core::OutboxState::kSent);
  CHECK(store.outbox[1].state == core::OutboxState::kHeld);
  CHECK(worker.Drain().sent == 0);  // nothing is delivered twice

  store.outbox.push_back(S{{3, "src", false, "later", {1}, {}, 0, "", {}}, core::OutboxState::kPending, ""});
  sink->fail = true;
  CHECK(worker.Drain().failed == 1);
  CHECK(store.outbox[2].state == core::OutboxState::kPending);
  sink->fail = false;
  CHECK(worker.Drain().sent == 1);
  REQUIRE(sent->size() == 2);
  CHECK(sent->at(1).text == "later");
}

namespace {

// Fails the texts listed in `failing`; records the rest.
class PickySink : public bot::MessageSink {
 public:
  PickySink(const bot::EgressKey& key, std::vector<std::string>* log) : MessageSink(key), log_(log) {}
  core::Status Post(const std::string& channel, const std::string& text) override {
    if (failing.count(text) > 0) return core::Status::Unavailable("slack is down (test)");
    log_->push_back(channel + ":" + text);
    return core::Status::Ok();
  }
  core::Status PostEphemeral(const std::string&, const core::UserId&, const std::string&) override {
    return core::Status::Ok();
  }
  core::Status PostDirect(const core::UserId& user, const std::string& text) override {
    return Post(user, text);
  }
  std::set<std::string> failing;

 private:
  std::vector<std::string>* log_;
};

// A store whose MarkMessage fails when told to.
class FlakyMarkStore : public testing::MemoryCaseStore {
 public:
  core::Status MarkMessage(std::int64_t id, core::OutboxState state,
                           const std::string& note) override {
    if (fail_marks) return core::Status::Unavailable("disk full (test)");
    return MemoryCaseStore::MarkMessage(id, state, note);
  }
  bool fail_marks = false;
};

struct OrderFixture {
  OrderFixture() {
    guard = std::make_unique<bot::EmbargoGuard>(store, directory, testing::SinkOf(&sink, &log));
    worker = std::make_unique<bot::OutboxWorker>(store, *guard);
  }
  void Add(std::int64_t id, const std::string& channel, const std::string& text) {
    store.outbox.push_back(
        {{id, channel, false, text, {}, {}, 0, "", {}}, core::OutboxState::kPending, ""});
  }
  FlakyMarkStore store;
  testing::FakeDirectory directory;
  std::vector<std::string> log;
  PickySink* sink = nullptr;
  std::unique_ptr<bot::EmbargoGuard> guard;
  std::unique_ptr<bot::OutboxWorker> worker;
};

}  // namespace

TEST_CASE("outbox: a failed message holds back its channel, not the others") {
  OrderFixture f;
  f.Add(1, "A", "A1");
  f.Add(2, "B", "B1");
  f.Add(3, "A", "A2");
  f.sink->failing = {"A1"};
  bot::DrainReport first = f.worker->Drain();
  CHECK(first.sent == 1);
  CHECK(first.failed == 1);
  CHECK(first.skipped == 1);
  CHECK(first.Troubled());
  CHECK(f.log == std::vector<std::string>{"B:B1"});  // A2 was not attempted
  CHECK(f.store.outbox[0].state == core::OutboxState::kPending);
  CHECK(f.store.outbox[2].state == core::OutboxState::kPending);
  CHECK(f.store.outbox[2].item.attempts == 0);

  f.sink->failing.clear();
  bot::DrainReport second = f.worker->Drain();
  CHECK(second.sent == 2);
  CHECK_FALSE(second.Troubled());
  CHECK(f.log == std::vector<std::string>{"B:B1", "A:A1", "A:A2"});
}

TEST_CASE("outbox: a store that cannot mark stops the pass") {
  OrderFixture f;
  f.Add(1, "A", "A1");
  f.Add(2, "B", "B1");
  f.store.fail_marks = true;
  bot::DrainReport report = f.worker->Drain();
  CHECK(report.store_errors == 1);
  CHECK(report.Troubled());
  CHECK(f.log == std::vector<std::string>{"A:A1"});  // B1 waits for a healthy store
}

TEST_CASE("outbox: a stop request ends the pass between messages") {
  OrderFixture f;
  f.Add(1, "A", "A1");
  f.Add(2, "B", "B1");
  int asked = 0;
  bot::DrainReport report = f.worker->Drain(100, [&] { return ++asked > 1; });
  CHECK(report.stopped);
  CHECK(report.sent == 1);
  CHECK(f.store.outbox[1].state == core::OutboxState::kPending);
}
