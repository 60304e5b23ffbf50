#pragma once
// HandlerWorkers: the threads an HttpServer runs its handler on, so that a
// handler may block (SQLite, an outbound HTTP call) without stalling the
// listener's I/O. Requests wait in one queue, bounded by the listener's own
// connection cap (one request per connection at a time).
//
// Thread safety: Submit and Stop may be called from any thread; `deliver`
// runs on whichever thread answers, once per request.

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "bot/http/http_server.h"

namespace srcbot::bot {

class HandlerWorkers {
 public:
  using Deliver = std::function<void(const HttpResponse&)>;

  HandlerWorkers(HttpServer::Handler handler, int threads);
  ~HandlerWorkers();  // Stop()
  HandlerWorkers(const HandlerWorkers&) = delete;
  HandlerWorkers& operator=(const HandlerWorkers&) = delete;

  // Runs the handler on `request` on a worker. `deliver` gets the answer
  // exactly once: the handler's first Respond, or 500 when the handler throws
  // or lets its Respond go unanswered, or when Stop drops the request unrun.
  void Submit(HttpRequest request, Deliver deliver);

  // Drops what is still queued (each answered 500), waits up to 5 s for the
  // handlers running, then returns; a handler stuck past that keeps its
  // thread, detached, and may still answer. Idempotent.
  void Stop();

 private:
  struct State;
  static void Work(std::shared_ptr<State> state);  // one worker thread's loop

  std::shared_ptr<State> state_;
  std::vector<std::thread> threads_;
};

}  // namespace srcbot::bot
