#pragma once
// PeriodicTask: runs one function on a thread of its own, once at Start and
// then every `interval`, until Stop. Used for the committee tick (vote
// deadlines, temporary members' ends, inactivity; CommandService::CommitteeTick)
// every --tick-seconds.
//
// The task must be thread-safe with respect to everything else running (the
// stores are). It is never run twice at once. Stop() wakes the waiting thread
// and joins it, so it waits at most for a run in progress.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace srcbot::bot {

class PeriodicTask {
 public:
  PeriodicTask(std::function<void()> task, std::chrono::milliseconds interval);
  ~PeriodicTask();  // Stop()
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Starts the thread; the first run is at once. No-op when running.
  void Start();
  // Ends the thread and joins it. Idempotent.
  void Stop();
  // The next run starts now instead of at the end of the interval (after
  // the one in progress, if any); the interval then counts from it. For a
  // task with a faster signal than its timer (IMAP IDLE for the mail poll).
  void RunNow();
  // Runs completed since construction; for tests and diagnostics.
  int runs() const;

 private:
  void Run();

  const std::function<void()> task_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool run_now_ = false;
  int runs_ = 0;
  std::thread thread_;
};

}  // namespace srcbot::bot
