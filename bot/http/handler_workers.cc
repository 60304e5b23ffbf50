#include "bot/http/handler_workers.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <utility>

namespace srcbot::bot {
namespace {

constexpr auto kStopGrace = std::chrono::seconds(5);

HttpResponse Status500() {
  HttpResponse r;
  r.status = 500;
  return r;
}

// Delivers one answer exactly once; the destructor answers 500 for a handler
// that dropped its Respond, or a request dropped unrun.
class ReplyOnce {
 public:
  explicit ReplyOnce(HandlerWorkers::Deliver deliver) : deliver_(std::move(deliver)) {}
  ~ReplyOnce() { Reply(Status500()); }
  ReplyOnce(const ReplyOnce&) = delete;
  ReplyOnce& operator=(const ReplyOnce&) = delete;

  void Reply(const HttpResponse& response) {
    if (!answered_.exchange(true)) deliver_(response);
  }

 private:
  HandlerWorkers::Deliver deliver_;
  std::atomic<bool> answered_{false};
};

struct Job {
  HttpRequest request;
  std::shared_ptr<ReplyOnce> reply;
};

}  // namespace

// Shared by the workers and HandlerWorkers, so a worker stuck in a handler
// past Stop() can be detached safely.
struct HandlerWorkers::State {
  HttpServer::Handler handler;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Job> queue;
  bool quit = false;
  int running = 0;
};

void HandlerWorkers::Work(std::shared_ptr<State> s) {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(s->mu);
      s->cv.wait(lock, [&] { return s->quit || !s->queue.empty(); });
      if (s->quit) break;
      job = std::move(s->queue.front());
      s->queue.pop_front();
    }
    std::shared_ptr<ReplyOnce> reply = std::move(job.reply);
    HttpServer::Respond respond = [reply](HttpResponse r) { reply->Reply(r); };
    try {
      s->handler(std::move(job.request), std::move(respond));
    } catch (...) {
      reply->Reply(Status500());  // ignored when the handler answered before throwing
    }
  }
  {
    std::lock_guard<std::mutex> lock(s->mu);
    --s->running;
  }
  s->cv.notify_all();
}

HandlerWorkers::HandlerWorkers(HttpServer::Handler handler, int threads)
    : state_(std::make_shared<State>()) {
  state_->handler = std::move(handler);
  const int n = threads < 1 ? 1 : threads;
  state_->running = n;
  for (int i = 0; i < n; ++i) threads_.emplace_back(Work, state_);
}

HandlerWorkers::~HandlerWorkers() { Stop(); }

void HandlerWorkers::Submit(HttpRequest request, Deliver deliver) {
  auto reply = std::make_shared<ReplyOnce>(std::move(deliver));
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (state_->quit) return;  // `reply` answers 500 as it goes
    state_->queue.push_back(Job{std::move(request), std::move(reply)});
  }
  state_->cv.notify_one();
}

void HandlerWorkers::Stop() {
  if (threads_.empty()) return;
  std::deque<Job> dropped;  // destroyed unlocked: each answers 500
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->quit = true;
    dropped.swap(state_->queue);
  }
  state_->cv.notify_all();
  dropped.clear();
  std::unique_lock<std::mutex> lock(state_->mu);
  const bool all_returned =
      state_->cv.wait_for(lock, kStopGrace, [&] { return state_->running == 0; });
  lock.unlock();
  // A handler blocked forever must not hang shutdown; its thread owns a
  // reference to State, so letting it go is safe.
  for (std::thread& t : threads_) all_returned ? t.join() : t.detach();
  threads_.clear();
}

}  // namespace srcbot::bot
