#pragma once
// One websocket connection on Boost.Beast, as beast_websocket.cc drives it.
// Internal to srcbot_socket_mode_beast: nothing outside this library includes
// Beast. Every member runs on the connection's single I/O thread; other
// threads reach it only through posted calls (BeastWebSocket).
//
// Liveness, as Slack's node SDK does it (SLACK.md §4.4): a ping every
// ping_interval; a ping with no pong after pong_timeout means the peer is
// gone, and the connection ends as a drop (on_close). Pings FROM the peer
// and data frames are reported through on_activity, so the client's
// watchdog can tell a quiet-but-alive Slack (which pings) from a dead one.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
// Boost 1.74's asio uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "bot/socket_mode/websocket.h"
#include "bot/socket_mode/ws_url.h"
#include "core/str_cat.h"

namespace srcbot::bot::beast_ws {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// A one-shot result set on the I/O thread, waited for on another.
class Waiter {
 public:
  void Set(std::string error) {
    std::lock_guard<std::mutex> lock(mu_);
    if (done_) return;
    done_ = true;
    error_ = std::move(error);
    cv_.notify_all();
  }
  // False when `wait` passed first.
  bool WaitFor(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, wait, [&] { return done_; });
  }
  std::string Error() {
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::string error_;  // empty: success
};

// What BeastWebSocket calls, always on the I/O thread (posted).
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void Start(tcp::resolver::results_type endpoints, std::shared_ptr<Waiter> connected) = 0;
  virtual void Send(std::string text, std::shared_ptr<Waiter> sent) = 0;
  virtual void Close(std::shared_ptr<Waiter> closed) = 0;
  // Drops the socket at once (a connect that timed out, a close never answered).
  virtual void Abort() = 0;
};

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... StreamArgs>
  Session(const BeastWebSocketOptions& options, WsUrl url, WebSocketCallbacks callbacks,
          asio::io_context& io, StreamArgs&&... stream_args)
      : options_(options),
        url_(std::move(url)),
        callbacks_(std::move(callbacks)),
        ws_(std::forward<StreamArgs>(stream_args)...),
        ping_timer_(io) {}

  void Start(tcp::resolver::results_type endpoints, std::shared_ptr<Waiter> connected) override {
    connected_ = std::move(connected);
    auto self = this->shared_from_this();
    beast::get_lowest_layer(ws_).async_connect(
        endpoints, [self](beast::error_code ec, const tcp::endpoint&) { self->OnConnect(ec); });
  }

  void Send(std::string text, std::shared_ptr<Waiter> sent) override {
    if (!open_ || closing_) return sent->Set("the connection is closed");
    Enqueue(Item{Item::kText, std::move(text), std::move(sent)});
  }

  void Close(std::shared_ptr<Waiter> closed) override {
    if (!open_ || closing_) return closed->Set("");
    closing_ = true;
    ping_timer_.cancel();
    Enqueue(Item{Item::kClose, "", std::move(closed)});
  }

  void Abort() override {
    closing_ = true;
    open_ = false;
    ping_timer_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close();
    FailQueue("the connection was aborted");
    if (connected_) connected_->Set("timed out");
  }

 private:
  using SteadyClock = std::chrono::steady_clock;

  struct Item {
    enum Kind { kText, kPing, kClose };
    Kind kind;
    std::string text;
    std::shared_ptr<Waiter> done;  // null for pings
  };

  std::string Where() const { return core::StrCat({url_.host, ":", url_.port}); }

  void OnConnect(beast::error_code ec) {
    if (ec) return ConnectFailed(ec);
    beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ec);
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      // SNI, and the name the certificate must carry.
      if (!SSL_set_tlsext_host_name(ws_.next_layer().native_handle(), url_.host.c_str())) {
        return ConnectFailed(beast::error_code(static_cast<int>(::ERR_get_error()),
                                               asio::error::get_ssl_category()));
      }
      ws_.next_layer().set_verify_mode(ssl::verify_peer);
      ws_.next_layer().set_verify_callback(ssl::host_name_verification(url_.host));
      auto self = this->shared_from_this();
      ws_.next_layer().async_handshake(ssl::stream_base::client,
                                       [self](beast::error_code e) { self->Upgrade(e); });
    } else {
      Upgrade(ec);
    }
  }

  void Upgrade(beast::error_code ec) {
    if (ec) return ConnectFailed(ec);
    // From here on the websocket layer keeps time; the TCP layer must not.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeout =
        websocket::stream_base::timeout::suggested(beast::role_type::client);
    timeout.keep_alive_pings = false;  // our own pings, with a pong deadline
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, "srcbot");
    }));
    ws_.read_message_max(options_.max_message_bytes);
    ws_.auto_fragment(false);
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) {
        ping_outstanding_ = false;
      } else {
        Activity();  // the peer's ping or close: it is there
      }
    });
    auto self = this->shared_from_this();
    ws_.async_handshake(HostHeader(url_), url_.target,
                        [self](beast::error_code e) { self->OnUpgraded(e); });
  }

  void OnUpgraded(beast::error_code ec) {
    if (ec) return ConnectFailed(ec);
    open_ = true;
    connected_->Set("");
    connected_.reset();
    Read();
    SchedulePing();
  }

  void ConnectFailed(beast::error_code ec) {
    if (!connected_) return;
    connected_->Set(core::StrCat({"websocket to ", Where(), " failed: ", ec.message()}));
    connected_.reset();
  }

  void Read() {
    auto self = this->shared_from_this();
    ws_.async_read(buffer_, [self](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return Lost();
    Activity();
    if (ws_.got_text() && callbacks_.on_message) {
      callbacks_.on_message(beast::buffers_to_string(buffer_.data()));
    }
    buffer_.consume(buffer_.size());
    Read();
  }

  void Activity() {
    if (callbacks_.on_activity) callbacks_.on_activity();
  }

  void SchedulePing() {
    ping_timer_.expires_after(options_.ping_interval);
    auto self = this->shared_from_this();
    ping_timer_.async_wait([self](beast::error_code ec) {
      if (ec || !self->open_ || self->closing_) return;
      self->PingOrGiveUp();
    });
  }

  void PingOrGiveUp() {
    if (ping_outstanding_ && SteadyClock::now() - ping_sent_ >= options_.pong_timeout) {
      // The peer stopped answering: a stalled host or a half-open TCP
      // connection. Waiting longer only lengthens the outage.
      return Lost();
    }
    // One ping at a time: a ping or a frame still queued means writes are
    // stuck, and the pong deadline of the last ping or the client's
    // watchdog sees the silence.
    if (!ping_outstanding_ && queue_.empty()) {
      ping_outstanding_ = true;
      ping_sent_ = SteadyClock::now();
      Enqueue(Item{Item::kPing, "", nullptr});
    }
    SchedulePing();
  }

  void Enqueue(Item item) {
    queue_.push_back(std::move(item));
    if (queue_.size() == 1) WriteFront();
  }

  // Writes go one at a time, in order: Beast allows one outstanding write,
  // and a close must follow the acks queued before it.
  void WriteFront() {
    if (queue_.empty()) return;
    auto self = this->shared_from_this();
    Item& item = queue_.front();
    switch (item.kind) {
      case Item::kText:
        ws_.text(true);
        ws_.async_write(asio::buffer(item.text),
                        [self](beast::error_code ec, std::size_t) { self->OnWritten(ec); });
        return;
      case Item::kPing:
        ws_.async_ping({}, [self](beast::error_code ec) { self->OnWritten(ec); });
        return;
      case Item::kClose:
        // Our close: the read that ends with it must not report a drop.
        closed_by_us_ = true;
        ws_.async_close(websocket::close_code::normal,
                        [self](beast::error_code ec) { self->OnClosed(ec); });
        return;
    }
  }

  void OnWritten(beast::error_code ec) {
    if (queue_.empty()) return;  // failed and flushed meanwhile
    Item item = std::move(queue_.front());
    queue_.pop_front();
    if (item.done) item.done->Set(ec ? ec.message() : "");
    if (ec) return Lost();
    WriteFront();
  }

  void OnClosed(beast::error_code ec) {
    open_ = false;
    if (!queue_.empty()) {
      Item item = std::move(queue_.front());
      queue_.pop_front();
      if (item.done) item.done->Set(ec ? ec.message() : "");
    }
    FailQueue("the connection is closed");
    beast::get_lowest_layer(ws_).close();
  }

  // The peer closed or went quiet, a read or a write failed, or a frame
  // broke the limits.
  void Lost() {
    const bool report = open_ && !closed_by_us_ && !reported_;
    open_ = false;
    ping_timer_.cancel();
    FailQueue("the connection is closed");
    if (!closed_by_us_) beast::get_lowest_layer(ws_).close();
    if (report) {
      reported_ = true;
      if (callbacks_.on_close) callbacks_.on_close();
    }
  }

  void FailQueue(const std::string& why) {
    std::deque<Item> queue = std::move(queue_);
    queue_.clear();
    for (Item& item : queue) {
      if (item.done) item.done->Set(why);
    }
  }

  const BeastWebSocketOptions options_;
  const WsUrl url_;
  WebSocketCallbacks callbacks_;
  websocket::stream<Stream> ws_;
  asio::steady_timer ping_timer_;
  beast::flat_buffer buffer_;
  std::deque<Item> queue_;
  std::shared_ptr<Waiter> connected_;
  bool open_ = false;
  bool closing_ = false;
  bool closed_by_us_ = false;
  bool reported_ = false;
  bool ping_outstanding_ = false;
  SteadyClock::time_point ping_sent_{};
};

}  // namespace srcbot::bot::beast_ws
