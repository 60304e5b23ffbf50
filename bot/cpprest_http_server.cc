#include "bot/http_server.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <cpprest/http_listener.h>

namespace srcbot::bot {
namespace {

using web::http::header_names;
using web::http::http_request;

// How long Stop() lets handlers in flight finish, then how long it waits for
// the worker threads to return.
constexpr auto kStopGrace = std::chrono::seconds(5);

web::http::http_response ToCpprest(const HttpResponse& r) {
  web::http::http_response out(static_cast<web::http::status_code>(r.status));
  if (!r.body.empty()) out.set_body(std::vector<unsigned char>(r.body.begin(), r.body.end()));
  // set_body() labels bytes application/octet-stream; the handler's type wins.
  out.headers().remove(header_names::content_type);
  if (!r.content_type.empty()) out.headers()[header_names::content_type] = r.content_type;
  for (const auto& [name, value] : r.headers) out.headers()[name] = value;
  return out;
}

HttpResponse WithStatus(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

class ReplyOnce;

struct Job {
  std::shared_ptr<ReplyOnce> reply;
  std::string body;
};

// Everything the cpprest callbacks and our workers touch. Owned jointly by the
// server, the workers and every pending reply, so a worker stuck in a handler
// past Stop() can be detached safely.
struct Shared {
  HttpServer::Handler handler;
  std::size_t max_body_bytes = 0;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Job> queue;
  bool stopping = false;  // new requests are answered 503
  bool quit = false;      // workers return once they see it
  int live_replies = 0;   // requests accepted but not yet answered-and-released
  int writing = 0;        // replies cpprest has not finished writing
  int running_workers = 0;

  void Done(int Shared::*counter) {
    {
      std::lock_guard<std::mutex> lock(mu);
      --(this->*counter);
    }
    cv.notify_all();
  }
};

// Never throws: reply() throws when the request was already answered, which
// happens when the listener closed and cpprest answered 500 itself. The reply
// counts as in flight until cpprest has written it, so that Stop() does not
// close the listener (and its sockets) under a response being written.
void SendReply(const std::shared_ptr<Shared>& s, http_request request,
               const HttpResponse& response) {
  {
    std::lock_guard<std::mutex> lock(s->mu);
    ++s->writing;
  }
  try {
    request.reply(ToCpprest(response)).then([s](pplx::task<void> written) {
      try {
        written.wait();
      } catch (...) {
      }
      s->Done(&Shared::writing);
    });
  } catch (...) {
    s->Done(&Shared::writing);
  }
}

// Answers one request exactly once. A handler that drops its Respond without
// calling it would otherwise leave the client waiting until it times out, so
// the destructor answers 500 in that case.
class ReplyOnce {
 public:
  ReplyOnce(http_request request, std::shared_ptr<Shared> shared);
  ~ReplyOnce();
  ReplyOnce(const ReplyOnce&) = delete;
  ReplyOnce& operator=(const ReplyOnce&) = delete;

  void Reply(const HttpResponse& response) {
    if (!answered_.exchange(true)) SendReply(shared_, request_, response);
  }
  const http_request& request() const { return request_; }

 private:
  http_request request_;
  std::shared_ptr<Shared> shared_;
  std::atomic<bool> answered_{false};
};

ReplyOnce::ReplyOnce(http_request request, std::shared_ptr<Shared> shared)
    : request_(std::move(request)), shared_(std::move(shared)) {
  std::lock_guard<std::mutex> lock(shared_->mu);
  ++shared_->live_replies;
}

ReplyOnce::~ReplyOnce() {
  Reply(WithStatus(500));
  shared_->Done(&Shared::live_replies);
}

HttpRequest ToHttpRequest(const http_request& in, std::string body) {
  HttpRequest out;
  out.method = in.method();
  // Kept as received (still percent-encoded): decoding "%2F" would let two
  // different paths route alike, and Slack's paths need no decoding.
  out.path = in.request_uri().path();
  out.query = in.request_uri().query();
  for (const auto& [name, value] : in.headers()) out.headers[LowerHeaderName(name)] = value;
  out.body = std::move(body);
  return out;
}

void RunJob(Shared& s, Job job) {
  HttpRequest request = ToHttpRequest(job.reply->request(), std::move(job.body));
  std::shared_ptr<ReplyOnce> reply = std::move(job.reply);
  HttpServer::Respond respond = [reply](HttpResponse r) { reply->Reply(r); };
  try {
    s.handler(std::move(request), std::move(respond));
  } catch (...) {
    reply->Reply(WithStatus(500));  // ignored when the handler answered before throwing
  }
}

void WorkerLoop(std::shared_ptr<Shared> s) {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(s->mu);
      s->cv.wait(lock, [&] { return s->quit || !s->queue.empty(); });
      if (s->quit) break;
      job = std::move(s->queue.front());
      s->queue.pop_front();
    }
    RunJob(*s, std::move(job));
  }
  s->Done(&Shared::running_workers);
}

void Enqueue(const std::shared_ptr<Shared>& s, http_request request, std::string body) {
  auto reply = std::make_shared<ReplyOnce>(std::move(request), s);
  {
    std::lock_guard<std::mutex> lock(s->mu);
    if (!s->stopping) {
      s->queue.push_back(Job{std::move(reply), std::move(body)});
      s->cv.notify_one();
      return;
    }
  }
  reply->Reply(WithStatus(503));
}

// Runs on cpprest's pool. It must not block there (a blocked pool deadlocks the
// listener, cpprest #1144, #1215), so the handler runs on our workers instead.
void Accept(const std::shared_ptr<Shared>& s, http_request request) {
  {
    std::lock_guard<std::mutex> lock(s->mu);
    if (s->stopping) return SendReply(s, request, WithStatus(503));
  }
  // The listener has no body limit of its own (CPPREST.md, pitfall 3). A
  // chunked body has no length to check up front, so it is refused outright.
  // cpprest still reads the body before it writes our 413 (http_server_asio.cpp
  // waits for content_ready), so this spares the handler, not the memory: the
  // reverse proxy in front must cap body size too.
  const auto& headers = request.headers();
  if (headers.has(header_names::transfer_encoding) ||
      headers.content_length() > s->max_body_bytes) {
    HttpResponse too_large = WithStatus(413);
    too_large.headers["connection"] = "close";
    return SendReply(s, request, too_large);
  }
  // extract_vector, not extract_string: the latter throws on form content
  // types, and Slack's signature is computed over the raw bytes.
  request.extract_vector().then([s, request](pplx::task<std::vector<unsigned char>> body) {
    try {
      std::vector<unsigned char> bytes = body.get();
      Enqueue(s, request, std::string(bytes.begin(), bytes.end()));
    } catch (...) {
      SendReply(s, request, WithStatus(400));  // the client went away mid-body
    }
  });
}

class CpprestHttpServer : public HttpServer {
 public:
  explicit CpprestHttpServer(int worker_threads)
      : worker_threads_(worker_threads < 1 ? 1 : worker_threads) {}
  ~CpprestHttpServer() override { Stop(); }

  core::Status Start(const std::string& host, int port, std::size_t max_body_bytes,
                     Handler handler) override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    const std::string where = host + ":" + std::to_string(port);
    if (listener_) return core::Status::Invalid("already listening, asked for " + where);
    shared_ = std::make_shared<Shared>();
    shared_->handler = std::move(handler);
    shared_->max_body_bytes = max_body_bytes;
    shared_->running_workers = worker_threads_;
    for (int i = 0; i < worker_threads_; ++i) workers_.emplace_back(WorkerLoop, shared_);
    try {
      auto listener = std::make_unique<web::http::experimental::listener::http_listener>(
          web::uri("http://" + where + "/"));
      std::shared_ptr<Shared> s = shared_;
      listener->support([s](http_request request) { Accept(s, std::move(request)); });
      listener->open().wait();
      listener_ = std::move(listener);
    } catch (const std::exception& e) {
      StopWorkers();
      return core::Status::Unavailable("cannot listen on " + where + ": " + e.what());
    }
    return core::Status::Ok();
  }

  void Stop() override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    if (!listener_) return;
    const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
    {
      std::unique_lock<std::mutex> s_lock(shared_->mu);
      shared_->stopping = true;
      shared_->cv.wait_until(s_lock, deadline,
                             [&] { return shared_->live_replies == 0 && shared_->writing == 0; });
    }
    // Closing answers 500 to whatever is still unanswered (cpprest does that
    // itself for each open connection), so no client is left hanging.
    try {
      listener_->close().wait();
    } catch (...) {
    }
    listener_.reset();
    StopWorkers();
  }

 private:
  void StopWorkers() {
    std::deque<Job> dropped;  // destroyed unlocked: each answers its request
    {
      std::lock_guard<std::mutex> lock(shared_->mu);
      shared_->stopping = true;
      shared_->quit = true;
      dropped.swap(shared_->queue);
      shared_->cv.notify_all();
    }
    dropped.clear();
    std::unique_lock<std::mutex> lock(shared_->mu);
    const bool all_returned =
        shared_->cv.wait_for(lock, kStopGrace, [&] { return shared_->running_workers == 0; });
    lock.unlock();
    // A handler blocked forever must not hang shutdown; its thread owns a
    // reference to Shared, so letting it go is safe.
    for (std::thread& t : workers_) all_returned ? t.join() : t.detach();
    workers_.clear();
  }

  const int worker_threads_;
  std::mutex lifecycle_mu_;
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<web::http::experimental::listener::http_listener> listener_;
  std::vector<std::thread> workers_;
};

}  // namespace

std::unique_ptr<HttpServer> MakeCpprestHttpServer(int worker_threads) {
  return std::make_unique<CpprestHttpServer>(worker_threads);
}

}  // namespace srcbot::bot
