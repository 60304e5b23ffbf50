// Group commit (store/group_commit.h): concurrent commands share COMMITs, yet
// each is durable when its call returns and a failing one undoes only itself.
#include "store/group_commit.h"

#include <catch2/catch.hpp>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite_case_store.h"
#include "tests/store/case_fixtures.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

using namespace srcbot::store::testing;

core::Result<core::Change> AddEvent(const core::Case& c, const std::string& kind) {
  core::Change change = Keep(c);
  change.events = {Ev(kind, T(1))};
  return change;
}

int CountRows(const std::string& path, const std::string& table) {
  auto db = OpenOrFail(path);
  auto s = db->Prepare("SELECT count(*) FROM " + table, "count");
  REQUIRE(s.ok());
  REQUIRE(s.value().Step().value());
  return static_cast<int>(s.value().ColumnInt(0));
}

TEST_CASE("group commit: 16 threads' updates all survive, in fewer commits than updates") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("g.db");
  constexpr int kThreads = 16, kEach = 25;
  std::atomic<int> acked{0};
  {
    auto store = OpenOrFail(path, clock);
    core::CaseId id = CreateOrFail(*store);
    auto before = store->Commits();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) {
          auto r = store->Update(id, [](const core::Case& c) { return AddEvent(c, "bump"); });
          if (r.ok()) ++acked;
        }
      });
    }
    for (auto& t : threads) t.join();
    auto after = store->Commits();
    CHECK(after.writes - before.writes == kThreads * kEach);
    // Sixteen threads waiting on fsyncs: batches form, or grouping is broken.
    CHECK(after.commits - before.commits < kThreads * kEach);
  }
  CHECK(acked == kThreads * kEach);
  // Reopened from the file: every acknowledged update is there.
  CHECK(CountRows(path, "timeline") == 1 + kThreads * kEach);
}

TEST_CASE("group commit: a failing command in a busy batch undoes only its own writes") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("f.db");
  std::atomic<int> acked{0}, refused{0};
  {
    auto store = OpenOrFail(path, clock);
    core::CaseId id = CreateOrFail(*store);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 20; ++i) {
          const bool fail = (t + i) % 3 == 0;
          // The failing ones write an outbox message first, then refuse: the
          // message must go with the refusal.
          auto r = store->Update(id, [&](const core::Case& c) -> core::Result<core::Change> {
            if (fail) return core::Status::Invalid("refused");
            core::Change change = Keep(c);
            change.events = {Ev("ok", T(1))};
            change.messages = {ToChannel("done")};
            return change;
          });
          if (r.ok()) ++acked;
          if (!r.ok() && r.status().message() == "refused") ++refused;
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  CHECK(acked + refused == 160);
  CHECK(refused > 0);
  CHECK(CountRows(path, "timeline") == 1 + acked);
  CHECK(CountRows(path, "outbox") == acked);
}

TEST_CASE("group commit: work that fails inside its savepoint leaves the transaction usable") {
  TempDir dir;
  auto db = OpenOrFail(dir.File("s.db"));
  REQUIRE(db->Exec("CREATE TABLE t (v INTEGER UNIQUE)", "create").ok());
  GroupCommit writes(*db);
  auto insert = [&](int v) {
    return writes.Write("insert", [&]() -> core::Status {
      auto s = db->Prepare("INSERT INTO t (v) VALUES (?1)", "insert");
      if (!s.ok()) return s.status();
      s.value().BindInt(1, v);
      return s.value().Run();
    });
  };
  CHECK(insert(1).ok());
  core::Status dup = insert(1);  // a constraint failure: this writer only
  CHECK(dup.code() == core::Code::kInternal);
  CHECK(insert(2).ok());
  CHECK_FALSE(db->InTransaction());
  CHECK(writes.Exclusive([&] { return CountRows(dir.File("s.db"), "t"); }) == 2);
  CHECK(writes.writers() == 2);
}

TEST_CASE("group commit: the reminder tick's cases commit together, each on its own") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("r.db"), clock);
  std::vector<core::CaseId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(CreateOrFail(*store));
  ids.push_back(999);  // no such case: its own error, not the others'
  auto before = store->Commits();
  auto results = store->UpdateRemindersEach(ids, [&](const core::CaseReminders& current)
                                                     -> core::Result<core::ReminderChange> {
    if (current.c.id == ids[2]) return core::Status::Invalid("not this one");
    core::ReminderChange change;
    change.state = current.state;
    change.events = {Ev("reminded", T(2))};
    return change;
  });
  REQUIRE(results.size() == ids.size());
  for (int i : {0, 1, 3, 4}) CHECK(results[i].ok());
  CHECK(results[2].status().message() == "not this one");
  CHECK(results[5].status().code() == core::Code::kNotFound);
  CHECK(store->Commits().commits - before.commits == 1);
  CHECK(store->Timeline(ids[0]).value().back().kind == "reminded");
  CHECK(store->Timeline(ids[2]).value().back().kind != "reminded");
}

}  // namespace
}  // namespace srcbot::store
