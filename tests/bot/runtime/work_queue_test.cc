#include "bot/runtime/work_queue.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using srcbot::bot::WorkQueue;

TEST_CASE("work queue: runs off the caller's thread, in order, and Stop runs what is queued",
          "[runtime]") {
  WorkQueue queue;
  queue.Start();
  std::atomic<bool> release{false};
  std::vector<int> order;  // written by the queue's thread only, read after Stop
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  queue.Post([&] {
    ran_on = std::this_thread::get_id();
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    order.push_back(1);
  });
  // Post does not wait for the work: the first task is still blocked.
  for (int i = 2; i <= 5; ++i) queue.Post([&order, i] { order.push_back(i); });
  release = true;
  queue.Stop();
  CHECK(order == std::vector<int>{1, 2, 3, 4, 5});
  CHECK(ran_on != caller);
}

TEST_CASE("work queue: before Start and after Stop, Post runs at once", "[runtime]") {
  WorkQueue queue;
  int runs = 0;
  queue.Post([&] { ++runs; });
  CHECK(runs == 1);
  queue.Start();
  queue.Stop();
  queue.Post([&] { ++runs; });
  CHECK(runs == 2);
  queue.Stop();  // idempotent
}
