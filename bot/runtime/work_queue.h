#pragma once
// WorkQueue: runs queued functions, in order, on a thread of its own. For the
// work that must not delay an ack past Slack's 3 seconds but must still happen:
// a button click's answer and the edit of its post (Web API calls that may
// retry for longer) are queued here once the click's command has committed.
//
// Thread safety: Post may be called from any thread. Before Start and after
// Stop, Post runs the function at once on the caller's thread, so nothing
// queued is ever dropped. Stop() runs what is queued, then joins.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace srcbot::bot {

class WorkQueue {
 public:
  WorkQueue() = default;
  ~WorkQueue();  // Stop()
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void Start();  // no-op when running
  void Stop();   // idempotent
  void Post(std::function<void()> work);

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool running_ = false;                     // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::thread thread_;
};

}  // namespace srcbot::bot
