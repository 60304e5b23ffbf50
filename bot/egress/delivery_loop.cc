#include "bot/egress/delivery_loop.h"

#include "bot/observability/log.h"

namespace srcbot::bot {

DeliveryLoop::DeliveryLoop(OutboxWorker& worker, DeliveryOptions options, RandomSource random)
    : worker_(worker),
      options_(options),
      backoff_(options.backoff_base, options.backoff_max,
               random ? std::move(random) : RealRandom()) {}

DeliveryLoop::~DeliveryLoop() { Stop(); }

void DeliveryLoop::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  notified_ = false;
  passes_ = 0;
  backoff_.Reset();
  thread_ = std::thread([this] { Run(); });
}

void DeliveryLoop::Stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wake_.notify_all();
  if (thread.joinable()) thread.join();
}

void DeliveryLoop::Notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

int DeliveryLoop::passes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return passes_;
}

bool DeliveryLoop::Wait(std::chrono::milliseconds wait, bool wake_on_notify) {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, wait, [&] { return stopping_ || (wake_on_notify && notified_); });
  if (stopping_) return false;
  notified_ = false;
  return true;
}

void DeliveryLoop::Run() {
  auto stop_requested = [this] {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  };
  while (!stop_requested()) {
    {
      // A Notify that arrives during the pass asks for another one.
      std::lock_guard<std::mutex> lock(mutex_);
      notified_ = false;
    }
    DrainReport report = worker_.Drain(options_.batch, stop_requested);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++passes_;
    }
    if (report.stopped) break;
    if (report.Troubled()) {
      std::chrono::milliseconds wait = backoff_.Next();
      Log(LogLevel::kWarn, "delivery", "delivery pass failed; backing off",
          {{"sent", report.sent},
           {"held", report.held},
           {"failed", report.failed},
           {"skipped", report.skipped},
           {"store_errors", report.store_errors},
           {"retry_in_ms", wait.count()}});
      if (!Wait(wait, /*wake_on_notify=*/false)) break;
      continue;
    }
    backoff_.Reset();
    // A full batch means more may be waiting: go again at once.
    int handled = report.sent + report.held;
    if (handled >= options_.batch) continue;
    if (!Wait(options_.poll_interval, /*wake_on_notify=*/true)) break;
  }
}

}  // namespace srcbot::bot
