#include "bot/socket_mode/websocket.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

#include <cpprest/ws_client.h>

namespace srcbot::bot {
namespace {

using web::websockets::client::websocket_callback_client;
using Client = std::shared_ptr<websocket_callback_client>;

// How long Close() waits for the peer's close frame. websocketpp gives up on
// its own after 5 s (its close handshake timeout); we return sooner.
constexpr auto kCloseWait = std::chrono::seconds(3);
// How long Send() waits for cpprest to hand the frame to websocketpp.
constexpr auto kSendWait = std::chrono::seconds(5);
// How long process exit waits for clients still being torn down.
constexpr auto kExitWait = std::chrono::seconds(10);

// A one-shot signal set from a task continuation, waited on with a timeout.
struct Signal {
  std::mutex mu;
  std::condition_variable cv;
  bool set = false;
  std::string error;  // empty: success

  void Set(std::string e) {
    std::lock_guard<std::mutex> lock(mu);
    set = true;
    error = std::move(e);
    cv.notify_all();
  }
  bool WaitFor(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, d, [&] { return set; });
  }
};

// Observes a task's outcome into a Signal. Every cpprest task we start must be
// observed: an unobserved exception terminates the process (pplxlinux.h).
std::shared_ptr<Signal> Watch(pplx::task<void> task) {
  auto signal = std::make_shared<Signal>();
  task.then([signal](pplx::task<void> t) {
    try {
      t.get();
      signal->Set("");
    } catch (const std::exception& e) {
      signal->Set(e.what()[0] ? e.what() : "failed");
    } catch (...) {
      signal->Set("failed");
    }
  });
  return signal;
}

// Clients whose close did not finish are destroyed on a thread of their own:
// the destructor waits for the connect and the close handshake
// (ws_client_wspp.cpp), which can take websocketpp's full 5 s timeouts, and
// close() can hang (cpprest #208). Process exit waits a bounded time for them.
struct Reaper {
  std::mutex mu;
  std::condition_variable cv;
  int pending = 0;
};
Reaper& TheReaper() {
  static Reaper* reaper = new Reaper;  // leaked: a late reaping thread may still touch it
  return *reaper;
}
struct ExitWait {
  ~ExitWait() {
    Reaper& r = TheReaper();
    std::unique_lock<std::mutex> lock(r.mu);
    r.cv.wait_for(lock, kExitWait, [&] { return r.pending == 0; });
  }
};

void Reap(Client client) {
  static ExitWait exit_wait;
  Reaper& r = TheReaper();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    ++r.pending;
  }
  std::thread([client = std::move(client), &r]() mutable {
    client.reset();
    std::lock_guard<std::mutex> lock(r.mu);
    --r.pending;
    r.cv.notify_all();
  }).detach();
}

// What the library's handlers see. They can run after the WebSocket is gone,
// so they hold this, never the WebSocket.
struct Link {
  std::mutex mu;  // held while a callback runs, so Close() can wait them out
  WebSocketCallbacks callbacks;
  bool connected = false;  // Connect() succeeded
  bool close_reported = false;
  // Written under mu, read without it by Send(), which on_message may call
  // (a Socket Mode ack) while mu is held.
  std::atomic<bool> ended{false};     // the library reported the connection closed
  std::atomic<bool> detached{false};  // Close() or a failed Connect(): deliver nothing more

  // Caller holds mu. on_close only for a connection Connect() handed out.
  void MaybeReportClose() {
    if (!connected || !ended || detached || close_reported) return;
    close_reported = true;
    if (!callbacks.on_close) return;
    try {
      callbacks.on_close();
    } catch (...) {
    }
  }
};

class CpprestWebSocket : public WebSocket {
 public:
  CpprestWebSocket(Client client, std::shared_ptr<Link> link)
      : client_(std::move(client)), link_(std::move(link)) {}

  // Must not run inside this connection's callbacks (CPPREST.md, pitfall 7).
  ~CpprestWebSocket() override {
    Close();
    if (closed_in_time_) {
      client_.reset();  // already closed: its destructor returns at once
    } else {
      Reap(std::move(client_));
    }
  }

  core::Status Send(const std::string& text) override {
    if (text.empty()) return core::Status::Invalid("empty websocket message");
    if (link_->ended || link_->detached) return core::Status::Unavailable("websocket closed");
    std::shared_ptr<Signal> sent;
    try {
      web::websockets::client::websocket_outgoing_message message;
      message.set_utf8_message(text);
      sent = Watch(client_->send(message));
    } catch (const std::exception& e) {
      return core::Status::Unavailable(std::string("websocket send: ") + e.what());
    }
    if (!sent->WaitFor(kSendWait)) return core::Status::Unavailable("websocket send timed out");
    std::lock_guard<std::mutex> lock(sent->mu);
    if (!sent->error.empty()) return core::Status::Unavailable("websocket send: " + sent->error);
    return core::Status::Ok();
  }

  void Close() override {
    std::lock_guard<std::mutex> lock(close_mu_);
    if (close_called_) return;
    close_called_ = true;
    {
      // Waits for a callback in progress, so none runs after Close() returns.
      std::lock_guard<std::mutex> link_lock(link_->mu);
      link_->detached = true;
    }
    try {
      closed_in_time_ =
          Watch(client_->close(web::websockets::client::websocket_close_status::normal, "closing"))
              ->WaitFor(kCloseWait);
    } catch (...) {
      closed_in_time_ = false;
    }
  }

 private:
  Client client_;
  std::shared_ptr<Link> link_;
  std::mutex close_mu_;
  bool close_called_ = false;
  bool closed_in_time_ = false;
};

class CpprestWebSocketConnector : public WebSocketConnector {
 public:
  core::Result<std::unique_ptr<WebSocket>> Connect(const std::string& url,
                                                   WebSocketCallbacks callbacks,
                                                   std::chrono::milliseconds timeout) override {
    std::string host = "?";
    // A new client per connection: a client cannot connect again after a
    // close, it aborts on an assertion (cpprest #1111, #862).
    Client client;
    auto link = std::make_shared<Link>();
    link->callbacks = std::move(callbacks);
    std::shared_ptr<Signal> connected;
    try {
      web::uri uri(url);
      host = uri.host();
      client = std::make_shared<websocket_callback_client>();
      client->set_message_handler(
          [link](const web::websockets::client::websocket_incoming_message& message) {
            // Runs on websocketpp's thread. extract_string() of a text frame
            // is already complete (ws_msg.cpp), so get() does not wait.
            if (message.message_type() !=
                web::websockets::client::websocket_message_type::text_message) {
              return;
            }
            try {
              std::string text = message.extract_string().get();
              std::lock_guard<std::mutex> lock(link->mu);
              if (!link->detached && link->callbacks.on_message) link->callbacks.on_message(text);
            } catch (...) {
            }
          });
      client->set_close_handler([link](web::websockets::client::websocket_close_status,
                                       const utility::string_t&, const std::error_code&) {
        std::lock_guard<std::mutex> lock(link->mu);
        link->ended = true;
        link->MaybeReportClose();
      });
      pplx::task<void> connecting = client->connect(uri);
      connected = Watch(connecting.then([link](pplx::task<void> t) {
        t.get();  // rethrows a failure into Watch
        std::lock_guard<std::mutex> lock(link->mu);
        link->connected = true;
        link->MaybeReportClose();  // a close that raced ahead of us
      }));
    } catch (const web::uri_exception&) {
      // Its text quotes the URL, and Socket Mode URLs carry a ticket.
      return Fail(std::move(client), link, host, "not a valid URL");
    } catch (const std::exception& e) {
      return Fail(std::move(client), link, host, e.what());
    }
    if (!connected->WaitFor(timeout)) {
      return Fail(std::move(client), link, host,
                  "no connection after " + std::to_string(timeout.count()) + " ms");
    }
    std::string error;
    {
      std::lock_guard<std::mutex> lock(connected->mu);
      error = connected->error;
    }
    if (!error.empty()) return Fail(std::move(client), link, host, error);
    return std::unique_ptr<WebSocket>(
        std::make_unique<CpprestWebSocket>(std::move(client), std::move(link)));
  }

 private:
  static core::Status Fail(Client client, const std::shared_ptr<Link>& link,
                           const std::string& host, const std::string& what) {
    {
      std::lock_guard<std::mutex> lock(link->mu);
      link->detached = true;
    }
    if (client) Reap(std::move(client));
    return core::Status::Unavailable("websocket " + host + ": " + what);
  }
};

}  // namespace

std::unique_ptr<WebSocketConnector> MakeCpprestWebSocketConnector() {
  return std::make_unique<CpprestWebSocketConnector>();
}

}  // namespace srcbot::bot
