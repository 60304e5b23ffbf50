#include "bot/egress/delivery_loop.h"

#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/recording_sink.h"
#include "tests/fakes/test_egress.h"

using namespace srcbot;
using std::chrono::milliseconds;

namespace {

// MemoryCaseStore is not thread-safe; the loop's thread and the test's share this one.
class LockedStore : public testing::MemoryCaseStore {
 public:
  core::Result<std::vector<core::OutboxItem>> PendingMessages(int limit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return MemoryCaseStore::PendingMessages(limit);
  }
  core::Status MarkMessage(std::int64_t id, core::OutboxState state,
                           const std::string& note) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return MemoryCaseStore::MarkMessage(id, state, note);
  }
  void Add(std::int64_t id, const std::string& channel, const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    outbox.push_back({{id, channel, false, text, {}, {}, 0, "", {}}, core::OutboxState::kPending, ""});
  }

 private:
  std::mutex mutex_;
};

// Records posts; fails the first `failures` of them.
class CountingSink : public bot::MessageSink {
 public:
  struct Log {
    std::mutex mutex;
    std::vector<std::string> texts;
    int failures = 0;
    int attempts = 0;
    std::vector<std::string> Texts() {
      std::lock_guard<std::mutex> lock(mutex);
      return texts;
    }
  };
  CountingSink(const bot::EgressKey& key, Log* log) : MessageSink(key), log_(log) {}
  core::Status Post(const std::string&, const std::string& text) override {
    std::lock_guard<std::mutex> lock(log_->mutex);
    ++log_->attempts;
    if (log_->failures > 0) {
      --log_->failures;
      return core::Status::Unavailable("slack is down (test)");
    }
    log_->texts.push_back(text);
    return core::Status::Ok();
  }
  core::Status PostEphemeral(const std::string&, const core::UserId&, const std::string&) override {
    return core::Status::Ok();
  }
  core::Status PostDirect(const core::UserId&, const std::string& text) override {
    return Post("", text);
  }

 private:
  Log* log_;
};

struct Fixture {
  Fixture()
      : guard(store, directory, testing::SinkOf<CountingSink>(nullptr, &log)), worker(store, guard) {}
  LockedStore store;
  testing::FakeDirectory directory;
  CountingSink::Log log;
  bot::EmbargoGuard guard;
  bot::OutboxWorker worker;
};

// Polls `done` for up to five seconds (the loop runs on its own thread).
template <class F>
bool Eventually(F done) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(milliseconds(2));
  }
  return done();
}

// Polling so rare that only Start and Notify can explain a delivery.
bot::DeliveryOptions NoPolling() {
  bot::DeliveryOptions o;
  o.poll_interval = std::chrono::hours(1);
  o.backoff_base = milliseconds(10);
  o.backoff_max = milliseconds(40);
  return o;
}

}  // namespace

TEST_CASE("delivery loop: rows pending from before a restart go out at Start", "[slack]") {
  Fixture f;
  f.store.Add(1, "C1", "first");
  f.store.Add(2, "C1", "second");
  bot::DeliveryLoop loop(f.worker, NoPolling(), [] { return 0.0; });
  loop.Start();
  CHECK(Eventually([&] { return f.log.Texts().size() == 2; }));
  loop.Stop();
  CHECK(f.log.Texts() == std::vector<std::string>{"first", "second"});
}

TEST_CASE("delivery loop: Notify wakes it for a new commit", "[slack]") {
  Fixture f;
  bot::DeliveryLoop loop(f.worker, NoPolling(), [] { return 0.0; });
  loop.Start();
  REQUIRE(Eventually([&] { return loop.passes() >= 1; }));
  f.store.Add(1, "C1", "new");
  loop.Notify();
  CHECK(Eventually([&] { return f.log.Texts().size() == 1; }));
  loop.Stop();
}

TEST_CASE("delivery loop: a failed pass is retried after a backoff, without a Notify", "[slack]") {
  Fixture f;
  {
    std::lock_guard<std::mutex> lock(f.log.mutex);
    f.log.failures = 3;
  }
  f.store.Add(1, "C1", "owed");
  bot::DeliveryLoop loop(f.worker, NoPolling(), [] { return 0.0; });
  loop.Start();
  CHECK(Eventually([&] { return f.log.Texts().size() == 1; }));
  loop.Stop();
  std::lock_guard<std::mutex> lock(f.log.mutex);
  CHECK(f.log.attempts == 4);
}

TEST_CASE("delivery loop: Stop returns promptly and is idempotent", "[slack]") {
  Fixture f;
  bot::DeliveryLoop loop(f.worker, NoPolling(), [] { return 0.0; });
  loop.Start();
  REQUIRE(Eventually([&] { return loop.passes() >= 1; }));
  auto before = std::chrono::steady_clock::now();
  loop.Stop();
  loop.Stop();
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(1));
  loop.Start();  // and it can run again
  f.store.Add(1, "C1", "again");
  loop.Notify();
  CHECK(Eventually([&] { return f.log.Texts().size() == 1; }));
}
