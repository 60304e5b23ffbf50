// The reminder tick over 100,000 open cases (issue 6): its cost must grow
// with what is due, not with the number of cases. Builds a database of open
// cases whose reminders are all scheduled later except `due` of them, then
// times one tick. Run: build/bench/srcbot_bench [cases] [due]. Prints one line
// per measurement; exits non-zero only when something fails.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "commands/reminder_tick.h"
#include "store/sqlite_case_store.h"
#include "store/sqlite_connection.h"

namespace {

using namespace srcbot;

class FixedClock : public core::Clock {
 public:
  explicit FixedClock(core::TimePoint now) : now_(now) {}
  core::TimePoint Now() const override { return now_; }

 private:
  core::TimePoint now_;
};

int Fail(const std::string& what) {
  std::fprintf(stderr, "bench: %s\n", what.c_str());
  return 1;
}

double Millis(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long cases = argc > 1 ? std::atol(argv[1]) : 100000;
  const long due = argc > 2 ? std::atol(argv[2]) : 100;
  const core::TimePoint now = *core::ParseIsoTime("2026-11-25T12:00:00Z");
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("srcbot-bench-" + std::to_string(::getpid()) + ".db"))
                               .string();
  FixedClock clock(now);
  auto store = store::SqliteCaseStore::Open(path, clock);
  if (!store.ok()) return Fail(store.status().message());
  {
    auto db = store::SqliteConnection::Open(path, store::SqliteConnection::Mode::kReadWrite);
    if (!db.ok()) return Fail(db.status().message());
    auto txn = store::Transaction::Begin(*db.value(), store::Transaction::Kind::kImmediate, "fill");
    if (!txn.ok()) return Fail(txn.status().message());
    auto insert = db.value()->Prepare(
        "INSERT INTO cases (id, title, via, stage, received_at, reported_at, acknowledged_at) "
        "VALUES (?1, 'bench', 'email', 'triage', ?2, ?2, ?2)",
        "insert case");
    auto schedule = db.value()->Prepare(
        "INSERT INTO case_reminders (case_id, wake_at) VALUES (?1, ?2)", "insert reminders");
    if (!insert.ok() || !schedule.ok()) return Fail("prepare failed");
    // Received 30 hours ago and acknowledged: the fix team is overdue.
    const std::int64_t received = (now - std::chrono::hours(30)).time_since_epoch().count();
    const std::int64_t tomorrow = (now + std::chrono::days(1)).time_since_epoch().count();
    for (long id = 1; id <= cases; ++id) {
      insert.value().Reset();
      insert.value().BindInt(1, id).BindInt(2, received);
      if (auto s = insert.value().Run(); !s.ok()) return Fail(s.message());
      schedule.value().Reset();
      // The `due` ones changed since the last tick; the rest wake in a day.
      std::int64_t wake = id <= due ? 0 : tomorrow;
      schedule.value().BindInt(1, id).BindInt(2, wake);
      if (auto s = schedule.value().Run(); !s.ok()) return Fail(s.message());
    }
    if (auto s = txn.value().Commit(); !s.ok()) return Fail(s.message());
  }
  commands::ServiceOptions options{"C_SRC", {}};
  for (const char* what : {"first tick", "second tick (nothing due)"}) {
    auto start = std::chrono::steady_clock::now();
    auto posts = commands::ReminderTick(*store.value(), options, now);
    auto took = std::chrono::steady_clock::now() - start;
    if (!posts.ok()) return Fail(posts.status().message());
    std::printf("reminder tick, %s: %ld open cases, %ld due, %d posts, %.2f ms\n", what, cases, due,
                posts.value(), Millis(took));
  }
  store.value().reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
