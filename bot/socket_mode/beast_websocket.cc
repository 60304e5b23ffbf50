#include <algorithm>
#include <atomic>
#include <thread>
// Boost 1.74's asio uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "bot/socket_mode/beast_session.h"
#include "bot/socket_mode/websocket.h"
#include "bot/socket_mode/ws_url.h"
#include "core/str_cat.h"

namespace srcbot::bot {
namespace {

using namespace beast_ws;  // NOLINT: the session's Boost aliases
using Clock = std::chrono::steady_clock;

bool IsLoopbackName(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

// Owns the I/O thread. The session lives as long as a handler holds it.
class BeastWebSocket : public WebSocket {
 public:
  BeastWebSocket(std::unique_ptr<asio::io_context> io, std::unique_ptr<ssl::context> tls,
                 std::shared_ptr<SessionBase> session, const BeastWebSocketOptions& options)
      : io_(std::move(io)),
        work_(io_->get_executor()),
        tls_(std::move(tls)),
        session_(std::move(session)),
        options_(options) {}

  ~BeastWebSocket() override {
    Close();
    work_.reset();
    io_->stop();
    if (thread_.joinable()) {
      // The last owner may be a callback on this very thread (it only locks
      // a weak pointer, but be safe): it must not join itself.
      if (thread_.get_id() == std::this_thread::get_id()) {
        // Still running: what it uses is left to it (leaked), never freed under it.
        thread_.detach();
        (void)new std::shared_ptr<SessionBase>(std::move(session_));
        (void)io_.release();
        (void)tls_.release();
        return;
      }
      thread_.join();
    }
    // Handlers still queued hold the session; they go with the io_context,
    // and the TLS context after both.
    session_.reset();
    io_.reset();
    tls_.reset();
  }

  // Starts the I/O thread and the connection attempt; `connected` is set
  // when the upgrade succeeded or failed.
  void Start(tcp::resolver::results_type endpoints, std::shared_ptr<Waiter> connected) {
    asio::post(*io_, [session = session_, endpoints, connected] {
      session->Start(endpoints, connected);
    });
    thread_ = std::thread([io = io_.get()] { io->run(); });
  }

  void Abort() {
    closed_ = true;
    asio::post(*io_, [session = session_] { session->Abort(); });
  }

  core::Status Send(const std::string& text) override {
    if (closed_) return core::Status::Unavailable("the websocket is closed");
    auto sent = std::make_shared<Waiter>();
    asio::post(*io_, [session = session_, text, sent]() mutable {
      session->Send(std::move(text), sent);
    });
    // From our own callback: the write happens after it returns.
    if (io_->get_executor().running_in_this_thread()) return core::Status::Ok();
    if (!sent->WaitFor(options_.send_wait)) {
      return core::Status::Unavailable("the websocket send timed out");
    }
    std::string error = sent->Error();
    if (!error.empty()) return core::Status::Unavailable(core::StrCat({"websocket send: ", error}));
    return core::Status::Ok();
  }

  void Close() override {
    if (closed_.exchange(true)) return;
    auto closed = std::make_shared<Waiter>();
    asio::post(*io_, [session = session_, closed] { session->Close(closed); });
    // The peer gets close_wait to answer (and any queued acks go out first);
    // then the socket is dropped regardless.
    if (!closed->WaitFor(options_.close_wait)) {
      asio::post(*io_, [session = session_] { session->Abort(); });
    }
  }

 private:
  std::unique_ptr<asio::io_context> io_;
  // Keeps the I/O thread running after the connection ends, so that later
  // Send and Close calls are answered at once instead of timing out.
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::unique_ptr<ssl::context> tls_;  // outlives the session's stream
  std::shared_ptr<SessionBase> session_;
  const BeastWebSocketOptions options_;
  std::thread thread_;
  std::atomic<bool> closed_{false};
};

class BeastWebSocketConnector : public WebSocketConnector {
 public:
  explicit BeastWebSocketConnector(BeastWebSocketOptions options) : options_(std::move(options)) {}

  core::Result<std::unique_ptr<WebSocket>> Connect(const std::string& url_text,
                                                   WebSocketCallbacks callbacks,
                                                   std::chrono::milliseconds timeout) override {
    core::Result<WsUrl> parsed = ParseWsUrl(url_text);
    if (!parsed.ok()) return core::Status::Unavailable(parsed.status().message());
    WsUrl url = std::move(parsed).value();
    if (!url.tls && !IsLoopbackName(url.host)) {
      return core::Status::Unavailable(core::StrCat(
          {"refusing ws:// to ", url.host, ": plain websockets are for loopback tests only"}));
    }
    const Clock::time_point deadline = Clock::now() + timeout;
    auto io = std::make_unique<asio::io_context>(1);

    // Resolved here, on the caller's thread, bounded by the OS resolver.
    boost::system::error_code ec;
    tcp::resolver resolver(*io);
    tcp::resolver::results_type endpoints = resolver.resolve(url.host, url.port, ec);
    if (ec) {
      return core::Status::Unavailable(
          core::StrCat({"websocket to ", url.host, ":", url.port, ": ", ec.message()}));
    }
    if (!url.tls) {
      for (const auto& entry : endpoints) {
        if (!entry.endpoint().address().is_loopback()) {
          return core::Status::Unavailable(
              core::StrCat({"refusing ws:// to ", url.host, ": it resolves beyond loopback"}));
        }
      }
    }

    std::unique_ptr<ssl::context> tls;
    std::shared_ptr<SessionBase> session;
    if (url.tls) {
      tls = std::make_unique<ssl::context>(ssl::context::tls_client);
      tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                       ssl::context::no_tlsv1_1);
      if (options_.ca_file.empty()) {
        tls->set_default_verify_paths(ec);
      } else {
        tls->load_verify_file(options_.ca_file, ec);
      }
      if (ec) return core::Status::Unavailable(core::StrCat({"TLS trust store: ", ec.message()}));
      tls->set_verify_mode(ssl::verify_peer);
      session = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
          options_, url, std::move(callbacks), *io, *io, *tls);
    } else {
      session = std::make_shared<Session<beast::tcp_stream>>(options_, url, std::move(callbacks),
                                                             *io, *io);
    }

    // The socket owns the session from here: it must go before the io_context.
    auto socket = std::make_unique<BeastWebSocket>(std::move(io), std::move(tls),
                                                   std::move(session), options_);
    auto connected = std::make_shared<Waiter>();
    socket->Start(endpoints, connected);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (!connected->WaitFor(std::max(left, std::chrono::milliseconds(0)))) {
      socket->Abort();
      return core::Status::Unavailable(
          core::StrCat({"websocket to ", url.host, ":", url.port, " timed out"}));
    }
    std::string error = connected->Error();
    if (!error.empty()) return core::Status::Unavailable(error);
    return std::unique_ptr<WebSocket>(std::move(socket));
  }

 private:
  const BeastWebSocketOptions options_;
};

}  // namespace

std::unique_ptr<WebSocketConnector> MakeBeastWebSocketConnector(BeastWebSocketOptions options) {
  return std::make_unique<BeastWebSocketConnector>(std::move(options));
}

}  // namespace srcbot::bot
