#include "bot/runtime/periodic_task.h"

#include <atomic>
#include <catch2/catch.hpp>

using srcbot::bot::PeriodicTask;

TEST_CASE("periodic task: runs at start, then every interval, until stopped", "[committee]") {
  std::atomic<int> calls{0};
  PeriodicTask task([&] { ++calls; }, std::chrono::milliseconds(5));
  CHECK(task.runs() == 0);
  task.Start();
  task.Start();  // no second thread
  for (int i = 0; i < 2000 && task.runs() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  task.Stop();
  CHECK(task.runs() >= 3);
  const int after = calls.load();
  CHECK(after == task.runs());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(calls.load() == after);
  task.Stop();  // idempotent
}

TEST_CASE("periodic task: a long interval does not delay Stop", "[committee]") {
  PeriodicTask task([] {}, std::chrono::hours(1));
  task.Start();
  for (int i = 0; i < 2000 && task.runs() < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto before = std::chrono::steady_clock::now();
  task.Stop();
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(5));
  CHECK(task.runs() == 1);
}

TEST_CASE("periodic task: RunNow runs it before the interval is up", "[committee][idle]") {
  PeriodicTask task([] {}, std::chrono::hours(1));
  task.Start();
  for (int i = 0; i < 2000 && task.runs() < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(task.runs() == 1);
  task.RunNow();
  for (int i = 0; i < 2000 && task.runs() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(task.runs() == 2);
  // Asked for while a run is in progress: one more run after it, not lost.
  std::atomic<bool> release{false};
  std::atomic<int> started{0};
  PeriodicTask slow(
      [&] {
        ++started;
        while (started == 1 && !release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      },
      std::chrono::hours(1));
  slow.Start();
  for (int i = 0; i < 2000 && started < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  slow.RunNow();
  release = true;
  for (int i = 0; i < 2000 && slow.runs() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(slow.runs() == 2);
  task.Stop();
  slow.Stop();
}
