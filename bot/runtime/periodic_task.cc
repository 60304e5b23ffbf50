#include "bot/runtime/periodic_task.h"

namespace srcbot::bot {

PeriodicTask::PeriodicTask(std::function<void()> task, std::chrono::milliseconds interval)
    : task_(std::move(task)), interval_(interval) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void PeriodicTask::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void PeriodicTask::RunNow() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    run_now_ = true;
  }
  wake_.notify_all();
}

int PeriodicTask::runs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return runs_;
}

void PeriodicTask::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    run_now_ = false;  // this run covers what asked for one before it began
    lock.unlock();
    task_();
    lock.lock();
    ++runs_;
    wake_.wait_for(lock, interval_, [this] { return stopping_ || run_now_; });
  }
}

}  // namespace srcbot::bot
