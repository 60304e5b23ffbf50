#pragma once
// The Boost.Beast listener's connections (bot/http/beast_http_server.cc
// accepts them): one HTTP/1.1 connection reads a request under the limits of
// HttpServerLimits, refuses what breaks them, hands the rest to the handler
// workers and writes their answer; and the state the I/O thread shares with
// every answer on its way.
//
// Private to srcbot_http_beast: only beast_connection.cc and
// beast_http_server.cc include it (Beast headers cost seconds per
// translation unit). Thread safety: a Connection runs on the I/O thread only;
// Shared's mutex guards `stopping` and `in_flight`, the rest is the I/O
// thread's.

#include <array>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including
// <utility>, which breaks under C++20 with GCC 12.
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "bot/http/handler_workers.h"
#include "bot/http/http_server.h"

namespace srcbot::bot::beast_detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Parser = http::request_parser<http::string_body>;
using Message = http::response<http::string_body>;

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

// One client connection. Every member runs on the I/O thread.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Shared& s, tcp::socket socket) : s_(s), stream_(std::move(socket)) {}

  void Start() { ReadHeader(); }

  // Idempotent; gives back the body budget and lets the connection go.
  void Close();

  // The handler's answer to the request this connection is waiting on.
  void Answer(const HttpResponse& response);

 private:
  void ReadHeader();
  void OnHeader(beast::error_code ec);
  void ReadBody();
  void OnBody(beast::error_code ec);
  void Dispatch(http::request<http::string_body> in);
  // Answers `status` to a request that is not read further, then closes.
  void Refuse(int status);
  Message ToMessage(const HttpResponse& r) const;
  void Write(Message message, bool close, bool in_flight);
  void OnWritten(beast::error_code ec, bool close, bool in_flight);
  void Linger();
  void Discard();
  void ReleaseBody();

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

}  // namespace srcbot::bot::beast_detail
