#include <array>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including
// <utility>, which breaks under C++20 with GCC 12.
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "bot/handler_workers.h"
#include "bot/http_server.h"

namespace srcbot::bot {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Parser = http::request_parser<http::string_body>;
using Message = http::response<http::string_body>;

// How long Stop() lets handlers in flight finish.
constexpr auto kStopGrace = std::chrono::seconds(5);
// After answering a request it refuses (413, 431, 400…), the server stops
// sending and reads what the client still sends, at most this long and this
// much, before closing: closing with unread bytes makes the kernel reset the
// connection, and the client would then lose the answer it has not read yet.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes = 4u << 20;
// An accept that failed (out of descriptors) is retried after this pause; at
// once would spin, since the connection it could not take stays queued.
constexpr auto kAcceptRetry = std::chrono::milliseconds(100);
// Answered on a connection over max_connections, without reading anything.
constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
    "Content-Length: 0\r\n\r\n";

class Connection;

// Everything the I/O thread and every pending answer touch. Owned jointly by
// the server and each answer on its way, so a worker stuck in a handler past
// Stop() can still answer, into the void.
struct Shared : std::enable_shared_from_this<Shared> {
  HandlerWorkers* workers = nullptr;  // the server's, outlives the I/O thread
  HttpServerLimits limits;
  std::size_t max_body_bytes = 0;

  // Declared before `open`: connections are destroyed while it still exists.
  asio::io_context io{1};
  // Keeps io.run() going while no socket operation is pending, e.g. while
  // every connection waits for its handler and the acceptor is closed.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  // I/O thread only: every open connection (they own themselves through
  // this map until they close), and the body bytes counted against the budget.
  std::unordered_map<Connection*, std::shared_ptr<Connection>> open;
  std::size_t buffered_body_bytes = 0;

  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;  // requests read from now on are answered 503
  int in_flight = 0;      // handed to a worker, response not yet written

  void AnswerWritten() {
    {
      std::lock_guard<std::mutex> lock(mu);
      --in_flight;
    }
    cv.notify_all();
  }
};

HttpResponse WithStatus(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

// One client connection. Every member runs on the I/O thread.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Shared& s, tcp::socket socket) : s_(s), stream_(std::move(socket)) {}

  void Start() { ReadHeader(); }

  // Idempotent; gives back the body budget and lets the connection go.
  void Close() {
    if (closed_) return;
    closed_ = true;
    ReleaseBody();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    auto self = shared_from_this();  // `this` lives until the end of this call
    s_.open.erase(this);
  }

  // The handler's answer to the request this connection is waiting on.
  void Answer(const HttpResponse& response) {
    if (closed_) return s_.AnswerWritten();
    Write(ToMessage(response), /*close=*/!keep_alive_, /*in_flight=*/true);
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(s_.limits.max_header_bytes));
    parser_->body_limit(s_.max_body_bytes);
    // One deadline for the whole request, including the wait for its first
    // byte: a slow client cannot stretch it by trickling bytes.
    stream_.expires_after(s_.limits.request_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      return Refuse(431);
    }
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::eof ||
        ec == asio::error::connection_reset) {
      return Close();
    }
    // The parser compares a Content-Length with the body limit itself.
    if (ec == http::error::body_limit) return Refuse(413);
    if (ec) return Refuse(400);  // not HTTP/1.x
    const auto& request = parser_->get();
    keep_alive_ = request.keep_alive();
    // Slack sends a Content-Length; a chunked body has no length to check up
    // front, so it is refused rather than read to find out.
    if (request.chunked()) return Refuse(413);
    const std::size_t length = parser_->content_length().value_or(0);
    if (length > s_.max_body_bytes) return Refuse(413);
    if (s_.buffered_body_bytes + length > s_.limits.max_buffered_body_bytes) {
      return Refuse(503);
    }
    reserved_ = length;
    s_.buffered_body_bytes += length;
    if (beast::iequals(request[http::field::expect], "100-continue") && length > 0) {
      auto go_on = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                      request.version());
      return http::async_write(
          stream_, *go_on, [self = shared_from_this(), go_on](beast::error_code ec, std::size_t) {
            if (ec) return self->Close();
            self->ReadBody();
          });
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    if (ec == http::error::body_limit) return Refuse(413);
    if (ec) return Close();   // timed out, or the client left mid-body
    stream_.expires_never();  // the handler's time is not the client's
    bool stopping;
    {
      std::lock_guard<std::mutex> lock(s_.mu);
      stopping = s_.stopping;
    }
    if (stopping) return Refuse(503);
    Dispatch(parser_->release());
  }

  void Dispatch(http::request<http::string_body> in);

  // Answers `status` to a request that is not read further, then closes.
  void Refuse(int status) {
    HttpResponse r = WithStatus(status);
    if (status == 503) r.headers["retry-after"] = "1";
    Write(ToMessage(r), /*close=*/true, /*in_flight=*/false);
  }

  Message ToMessage(const HttpResponse& r) const {
    Message out;
    out.version(11);
    out.result(static_cast<unsigned>(r.status));
    if (!r.content_type.empty()) out.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) out.set(name, value);
    out.body() = r.body;
    out.prepare_payload();
    return out;
  }

  void Write(Message message, bool close, bool in_flight) {
    if (beast::iequals(message[http::field::connection], "close")) close = true;
    message.keep_alive(!close);
    if (head_) message.body().clear();  // the Content-Length stays the GET's
    auto held = std::make_shared<Message>(std::move(message));
    stream_.expires_after(s_.limits.write_timeout);
    http::async_write(
        stream_, *held,
        [self = shared_from_this(), held, close, in_flight](beast::error_code ec, std::size_t) {
          self->OnWritten(ec, close, in_flight);
        });
  }

  void OnWritten(beast::error_code ec, bool close, bool in_flight) {
    ReleaseBody();
    if (in_flight) s_.AnswerWritten();
    if (ec) return Close();
    if (!close) return ReadHeader();
    Linger();
  }

  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    Discard();
  }

  void Discard() {
    stream_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->lingered_ += n;
                              if (ec || self->lingered_ > kLingerBytes) return self->Close();
                              self->Discard();
                            });
  }

  void ReleaseBody() {
    s_.buffered_body_bytes -= reserved_;
    reserved_ = 0;
  }

  Shared& s_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  std::size_t reserved_ = 0;  // this request's share of buffered_body_bytes
  bool keep_alive_ = false;
  bool head_ = false;
  bool closed_ = false;
  std::array<char, 4096> scratch_{};
  std::size_t lingered_ = 0;
};

HttpRequest ToHttpRequest(http::request<http::string_body>&& in) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  // Kept as received (still percent-encoded): decoding "%2F" would let two
  // different paths route alike, and Slack's paths need no decoding.
  const std::string_view target(in.target().data(), in.target().size());
  const std::size_t question = target.find('?');
  out.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) out.query = std::string(target.substr(question + 1));
  for (const auto& field : in) {
    const std::string_view name(field.name_string().data(), field.name_string().size());
    std::string& value = out.headers[LowerHeaderName(name)];
    // A repeated header is joined, never one copy picked: a second
    // signature must not be able to stand in for the first.
    value += (value.empty() ? "" : ", ") + std::string(field.value().data(), field.value().size());
  }
  out.body = std::move(in.body());
  return out;
}

void Connection::Dispatch(http::request<http::string_body> in) {
  head_ = in.method() == http::verb::head;
  {
    std::lock_guard<std::mutex> lock(s_.mu);
    ++s_.in_flight;
  }
  // The answer comes from a worker and is written here, on the I/O thread.
  // The task holds no shared_ptr: one never run stays in `io`, inside Shared.
  s_.workers->Submit(
      ToHttpRequest(std::move(in)),
      [s = s_.shared_from_this(), weak = weak_from_this()](const HttpResponse& response) {
        asio::post(s->io, [raw = s.get(), weak, response] {
          if (auto connection = weak.lock()) {
            connection->Answer(response);
          } else {
            raw->AnswerWritten();  // the client left before the answer
          }
        });
      });
}

void AcceptNext(Shared& s) {
  s.acceptor->async_accept([&s](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !s.acceptor->is_open()) return;
    if (ec) {
      s.accept_retry->expires_after(kAcceptRetry);
      s.accept_retry->async_wait([&s](beast::error_code wait) {
        if (!wait && s.acceptor->is_open()) AcceptNext(s);
      });
      return;
    }
    if (static_cast<int>(s.open.size()) >= s.limits.max_connections) {
      // Nothing has been read from it, so closing sends no reset; the short
      // answer fits in an empty send buffer, so it cannot block.
      beast::error_code ignored;
      socket.non_blocking(true, ignored);
      socket.write_some(asio::buffer(kBusy.data(), kBusy.size()), ignored);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    } else {
      auto connection = std::make_shared<Connection>(s, std::move(socket));
      s.open.emplace(connection.get(), connection);
      connection->Start();
    }
    AcceptNext(s);
  });
}

class BeastHttpServer : public HttpServer {
 public:
  BeastHttpServer(int worker_threads, HttpServerLimits limits)
      : worker_threads_(worker_threads < 1 ? 1 : worker_threads), limits_(limits) {}
  ~BeastHttpServer() override { Stop(); }

  core::Status Start(const std::string& host, int port, std::size_t max_body_bytes,
                     Handler handler) override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    const std::string where = host + ":" + std::to_string(port);
    if (shared_) return core::Status::Invalid("already listening, asked for " + where);
    auto s = std::make_shared<Shared>();
    s->limits = limits_;
    s->max_body_bytes = max_body_bytes;
    try {
      tcp::resolver resolver(s->io);
      tcp::endpoint endpoint = *resolver.resolve(host, std::to_string(port)).begin();
      s->acceptor.emplace(s->io);
      s->acceptor->open(endpoint.protocol());
      s->acceptor->set_option(asio::socket_base::reuse_address(true));
      s->acceptor->bind(endpoint);
      s->acceptor->listen(asio::socket_base::max_listen_connections);
    } catch (const std::exception& e) {
      return core::Status::Unavailable("cannot listen on " + where + ": " + e.what());
    }
    s->accept_retry.emplace(s->io);
    workers_ = std::make_unique<HandlerWorkers>(std::move(handler), worker_threads_);
    s->workers = workers_.get();
    shared_ = s;
    s->keep_running.emplace(s->io.get_executor());
    AcceptNext(*s);
    io_thread_ = std::thread([s] { s->io.run(); });
    return core::Status::Ok();
  }

  void Stop() override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    if (!shared_) return;
    std::shared_ptr<Shared> s = shared_;
    OnIoThread([&s] {
      beast::error_code ignored;
      s->acceptor->close(ignored);
      s->accept_retry->cancel();
    });
    {
      std::unique_lock<std::mutex> s_lock(s->mu);
      s->stopping = true;
      s->cv.wait_for(s_lock, kStopGrace, [&] { return s->in_flight == 0; });
    }
    OnIoThread([&s] {
      std::vector<std::shared_ptr<Connection>> all;
      for (auto& [raw, connection] : s->open) all.push_back(connection);
      for (auto& connection : all) connection->Close();
    });
    s->keep_running.reset();
    s->io.stop();
    io_thread_.join();
    workers_->Stop();  // what is still queued is answered into the stopped I/O
    workers_.reset();
    shared_.reset();
  }

 private:
  // Runs `task` on the I/O thread and waits for it (bounded: should the
  // thread be wedged, Stop still ends).
  void OnIoThread(std::function<void()> task) {
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    asio::post(shared_->io, [task = std::move(task), done] {
      task();
      done->set_value();
    });
    finished.wait_for(kStopGrace);
  }

  const int worker_threads_;
  const HttpServerLimits limits_;
  std::mutex lifecycle_mu_;
  std::shared_ptr<Shared> shared_;
  std::thread io_thread_;
  std::unique_ptr<HandlerWorkers> workers_;
};

}  // namespace

std::unique_ptr<HttpServer> MakeBeastHttpServer(int worker_threads, HttpServerLimits limits) {
  return std::make_unique<BeastHttpServer>(worker_threads, limits);
}

}  // namespace srcbot::bot
