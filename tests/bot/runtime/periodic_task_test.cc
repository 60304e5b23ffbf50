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
