#pragma once
// DeliveryLoop: the thread that empties the outbox in Slack mode
// (docs/delivery.md).
//
// It drains at Start (rows left pending by the last run go first), after every
// Notify (called once a change is committed), and every `poll_interval`
// otherwise. When a pass fails (Slack down, a store error) it waits with
// exponential backoff and jitter before the next one, starting over from
// `backoff_base` after a clean pass; a Notify during that wait is kept for
// later but does not cut it short, so a busy committee cannot hammer a Slack
// that is down.
//
// Thread-safe. Stop() joins the thread; it waits at most for the message in
// flight (bounded by the SlackWebApi RetryPolicy), since a pass is asked to
// stop before each message.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "bot/egress/outbox_worker.h"
#include "bot/runtime/backoff.h"

namespace srcbot::bot {

struct DeliveryOptions {
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_max{60'000};
  int batch = 100;  // messages per pass
};

class DeliveryLoop {
 public:
  // Empty `random` means the real random source.
  DeliveryLoop(OutboxWorker& worker, DeliveryOptions options, RandomSource random = {});
  ~DeliveryLoop();  // Stop()
  DeliveryLoop(const DeliveryLoop&) = delete;
  DeliveryLoop& operator=(const DeliveryLoop&) = delete;

  // Starts the thread; its first pass runs at once. No-op when running.
  void Start();
  // Ends the thread and joins it. Idempotent.
  void Stop();
  // Asks for a pass now (or, during a backoff wait, right after it).
  void Notify();

  // Passes completed since Start; for tests and diagnostics.
  int passes() const;

 private:
  void Run();
  // Waits up to `wait`; returns false when stopping.
  bool Wait(std::chrono::milliseconds wait, bool wake_on_notify);

  OutboxWorker& worker_;
  const DeliveryOptions options_;
  Backoff backoff_;  // used by the loop thread only
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool notified_ = false;
  int passes_ = 0;
  std::thread thread_;
};

}  // namespace srcbot::bot
