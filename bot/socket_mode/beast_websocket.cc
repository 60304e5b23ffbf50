#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <type_traits>
// Boost 1.74's asio uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "bot/socket_mode/websocket.h"
#include "core/str_cat.h"

namespace srcbot::bot {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Url {
  bool tls = false;
  std::string host;    // without brackets
  std::string port;    // "443" when the URL names none
  std::string target;  // path and query, at least "/"
};

// Only the two schemes Slack's apps.connections.open can hand out. The error
// never repeats the query: Slack's ticket is in it.
core::Result<Url> ParseUrl(const std::string& url) {
  Url out;
  std::string_view rest(url);
  if (rest.starts_with("wss://")) {
    out.tls = true;
    rest.remove_prefix(6);
  } else if (rest.starts_with("ws://")) {
    rest.remove_prefix(5);
  } else {
    return core::Status::Invalid("websocket URL must start with ws:// or wss://");
  }
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view target = end == std::string_view::npos ? "" : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) {
    return core::Status::Invalid("websocket URL must not carry credentials");
  }
  std::string_view port;
  if (authority.starts_with("[")) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return core::Status::Invalid("bad IPv6 host in URL");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (after.starts_with(":")) port = after.substr(1);
  } else {
    const std::size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return core::Status::Invalid("websocket URL has no host");
  out.port = port.empty() ? (out.tls ? "443" : "80") : std::string(port);
  if (target.starts_with("#")) target = "";
  target = target.substr(0, target.find('#'));
  out.target = target.empty() ? "/" : (target.starts_with("?") ? core::StrCat("/", target)
                                                               : std::string(target));
  return out;
}

bool IsLoopbackName(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

// A one-shot result set on the I/O thread, waited for on another.
struct Waiter {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::string error;  // empty: success

  void Set(std::string e) {
    std::lock_guard<std::mutex> lock(mu);
    if (done) return;
    done = true;
    error = std::move(e);
    cv.notify_all();
  }
  // False when `wait` passed first.
  bool WaitFor(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, wait, [&] { return done; });
  }
  std::string Error() {
    std::lock_guard<std::mutex> lock(mu);
    return error;
  }
};

// What the WebSocket object calls on the session, from any thread.
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void Start(tcp::resolver::results_type endpoints, std::shared_ptr<Waiter> connected) = 0;
  virtual void Send(std::string text, std::shared_ptr<Waiter> sent) = 0;  // on the I/O thread
  virtual void Close(std::shared_ptr<Waiter> closed) = 0;                 // on the I/O thread
  virtual void Abort() = 0;                                               // on the I/O thread
};

// One connection. Every member is touched on the I/O thread only (the
// session's io_context runs on one thread), except through SessionBase's
// posted calls.
template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(const BeastWebSocketOptions& options, Url url, WebSocketCallbacks callbacks,
          asio::io_context& io, Args&&... stream_args)
      : options_(options),
        url_(std::move(url)),
        callbacks_(std::move(callbacks)),
        ws_(std::forward<Args>(stream_args)...),
        ping_timer_(io) {}

  void Start(tcp::resolver::results_type endpoints, std::shared_ptr<Waiter> connected) override {
    connected_ = std::move(connected);
    auto self = this->shared_from_this();
    beast::get_lowest_layer(ws_).async_connect(
        endpoints, [self](beast::error_code ec, const tcp::endpoint&) { self->OnConnect(ec); });
  }

  void Send(std::string text, std::shared_ptr<Waiter> sent) override {
    if (!open_ || closing_) {
      sent->Set("the connection is closed");
      return;
    }
    Enqueue(Item{Item::kText, std::move(text), std::move(sent)});
  }

  void Close(std::shared_ptr<Waiter> closed) override {
    if (!open_ || closing_) {
      closed->Set("");
      return;
    }
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
  struct Item {
    enum Kind { kText, kPing, kClose };
    Kind kind;
    std::string text;
    std::shared_ptr<Waiter> done;  // null for pings
  };

  std::string Where() const { return core::StrCat(url_.host, ":", url_.port); }

  void OnConnect(beast::error_code ec) {
    if (ec) return ConnectFailed(ec);
    beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ec);
    if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
      // SNI, and the name the certificate must carry (no IP-address Slack URLs exist).
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
    timeout.keep_alive_pings = false;  // our own pings, on ping_timer_
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, "srcbot");
    }));
    ws_.read_message_max(options_.max_message_bytes);
    ws_.auto_fragment(false);
    ws_.control_callback([this](websocket::frame_type, beast::string_view) { Activity(); });
    std::string host = url_.host;
    if ((url_.tls && url_.port != "443") || (!url_.tls && url_.port != "80")) {
      host = core::StrCat(host, ":", url_.port);
    }
    auto self = this->shared_from_this();
    ws_.async_handshake(host, url_.target, [self](beast::error_code e) { self->OnUpgraded(e); });
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
    connected_->Set(core::StrCat("websocket to ", Where(), " failed: ", ec.message()));
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
      // One ping at a time: a ping still queued means writes are stuck, and
      // the watchdog will see the silence.
      if (self->queue_.empty()) self->Enqueue(Item{Item::kPing, "", nullptr});
      self->SchedulePing();
    });
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

  // The peer closed, the read or a write failed, or a frame broke the limits.
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
  const Url url_;
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
};

// Owns the I/O thread. The session lives as long as a handler holds it.
class BeastWebSocket : public WebSocket {
 public:
  BeastWebSocket(std::unique_ptr<asio::io_context> io, std::unique_ptr<ssl::context> tls,
                 std::shared_ptr<SessionBase> session, const BeastWebSocketOptions& options)
      : io_(std::move(io)), tls_(std::move(tls)), session_(std::move(session)), options_(options) {}

  ~BeastWebSocket() override {
    Close();
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

  void Run() {
    thread_ = std::thread([io = io_.get()] { io->run(); });
  }

  asio::io_context& io() { return *io_; }
  SessionBase& session() { return *session_; }

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
    if (!error.empty()) return core::Status::Unavailable(core::StrCat("websocket send: ", error));
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
    core::Result<Url> parsed = ParseUrl(url_text);
    if (!parsed.ok()) return core::Status::Unavailable(parsed.status().message());
    Url url = std::move(parsed).value();
    if (!url.tls && !IsLoopbackName(url.host)) {
      return core::Status::Unavailable(core::StrCat(
          "refusing ws:// to ", url.host, ": plain websockets are for loopback tests only"));
    }
    const Clock::time_point deadline = Clock::now() + timeout;
    auto io = std::make_unique<asio::io_context>(1);

    // Resolved here, on the caller's thread, bounded by the OS resolver.
    boost::system::error_code ec;
    tcp::resolver resolver(*io);
    tcp::resolver::results_type endpoints = resolver.resolve(url.host, url.port, ec);
    if (ec) {
      return core::Status::Unavailable(
          core::StrCat("websocket to ", url.host, ":", url.port, ": ", ec.message()));
    }
    if (!url.tls) {
      for (const auto& entry : endpoints) {
        if (!entry.endpoint().address().is_loopback()) {
          return core::Status::Unavailable(
              core::StrCat("refusing ws:// to ", url.host, ": it resolves beyond loopback"));
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
      if (ec) return core::Status::Unavailable(core::StrCat("TLS trust store: ", ec.message()));
      tls->set_verify_mode(ssl::verify_peer);
      session = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
          options_, url, std::move(callbacks), *io, *io, *tls);
    } else {
      session = std::make_shared<Session<beast::tcp_stream>>(options_, url, std::move(callbacks),
                                                             *io, *io);
    }

    auto socket = std::make_unique<BeastWebSocket>(std::move(io), std::move(tls), session, options_);
    auto connected = std::make_shared<Waiter>();
    asio::post(socket->io(), [session, endpoints, connected] { session->Start(endpoints, connected); });
    socket->Run();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (!connected->WaitFor(std::max(left, std::chrono::milliseconds(0)))) {
      asio::post(socket->io(), [session] { session->Abort(); });
      return core::Status::Unavailable(
          core::StrCat("websocket to ", url.host, ":", url.port, " timed out"));
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
