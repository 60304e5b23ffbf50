#include "bot/blocks/home_publisher.h"

#include <algorithm>

namespace srcbot::bot {

HomePublisher::HomePublisher(std::function<void(const core::UserId&)> publish)
    : publish_(std::move(publish)) {}

HomePublisher::~HomePublisher() { Stop(); }

void HomePublisher::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void HomePublisher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HomePublisher::Request(const core::UserId& user) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (std::find(queue_.begin(), queue_.end(), user) != queue_.end()) return;
    queue_.push_back(user);
  }
  wake_.notify_one();
}

void HomePublisher::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    core::UserId user = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    // A view that cannot be published now is not retried: the next time the
    // person opens the tab asks again.
    publish_(user);
    lock.lock();
  }
}

}  // namespace srcbot::bot
