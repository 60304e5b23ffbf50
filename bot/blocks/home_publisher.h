#pragma once
// HomePublisher: publishes App Home views off the inbound path. An
// app_home_opened event must be acknowledged within Slack's 3 seconds, and
// views.publish is a Web API call that may retry for longer, so the event
// only queues the user here and a thread of this object publishes.
//
// Ownership: what `publish` refers to must outlive this object.
// Thread safety: Request may be called from any thread. Stop() (also run by
// the destructor) finishes the view being published and drops the rest.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/case.h"

namespace srcbot::bot {

class HomePublisher {
 public:
  // `publish` publishes one user's Home (AppHome::Publish at the clock's now).
  explicit HomePublisher(std::function<void(const core::UserId&)> publish);
  ~HomePublisher();
  HomePublisher(const HomePublisher&) = delete;
  HomePublisher& operator=(const HomePublisher&) = delete;

  void Start();
  void Stop();
  // Queues `user`'s Home (once, however often it is asked for meanwhile).
  void Request(const core::UserId& user);

 private:
  void Run();

  const std::function<void(const core::UserId&)> publish_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<core::UserId> queue_;  // guarded by mu_
  bool stopping_ = false;           // guarded by mu_
  std::thread thread_;
};

}  // namespace srcbot::bot
