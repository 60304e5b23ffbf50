#include "tests/fakes/ws_test_server.h"

#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including
// <utility>, which breaks under C++20 with GCC 12.
#include <utility>

#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

namespace srcbot::testing {
namespace {

using Server = websocketpp::server<websocketpp::config::asio>;
using Handle = websocketpp::connection_hdl;

constexpr auto kIoWait = std::chrono::seconds(2);

}  // namespace

struct WsTestServer::Impl {
  // Declared before `server`, so it is destroyed after it: handlers still
  // queued after Freeze() own connections, which must die last.
  boost::asio::io_service io;
  Server server;
  OnText on_text;
  std::thread thread;
  std::future<void> thread_done;
  int port = 0;
  bool started = false;
  bool stopped = false;
  bool running = false;  // the io thread is running

  mutable std::mutex mu;
  std::set<Handle, std::owner_less<Handle>> open;
  int accepted = 0;
  std::vector<std::string> received;

  void RunThread() {
    auto done = std::make_shared<std::promise<void>>();
    thread_done = done->get_future();
    running = true;
    thread = std::thread([this, done] {
      try {
        io.run();
      } catch (...) {
      }
      done->set_value();
    });
  }

  void StopThread() {
    if (!running) return;
    if (thread_done.wait_for(kIoWait) != std::future_status::ready) io.stop();
    thread.join();
    running = false;
  }

  // Runs `f` on the server's thread (websocketpp endpoints are not meant to be
  // driven from two threads) and waits for it, boundedly.
  void OnIo(std::function<void()> f) {
    if (!running) return;
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    io.post([f = std::move(f), done] {
      f();
      done->set_value();
    });
    finished.wait_for(kIoWait);
  }

  std::vector<Handle> OpenHandles() {
    std::lock_guard<std::mutex> lock(mu);
    return {open.begin(), open.end()};
  }

  void OnMessage(Handle hdl, Server::message_ptr message) {
    if (message->get_opcode() != websocketpp::frame::opcode::text) return;
    const std::string text = message->get_payload();
    {
      std::lock_guard<std::mutex> lock(mu);
      received.push_back(text);
    }
    const std::string answer = on_text ? on_text(text) : text;
    websocketpp::lib::error_code ec;
    if (!answer.empty()) server.send(hdl, answer, websocketpp::frame::opcode::text, ec);
  }
};

WsTestServer::WsTestServer(OnText on_text) : impl_(std::make_unique<Impl>()) {
  impl_->on_text = std::move(on_text);
}

WsTestServer::~WsTestServer() { Stop(); }

bool WsTestServer::Start(int port) {
  Impl& m = *impl_;
  if (m.started) return false;
  m.started = true;
  m.port = port;
  websocketpp::lib::error_code ec;
  m.server.clear_access_channels(websocketpp::log::alevel::all);
  m.server.clear_error_channels(websocketpp::log::elevel::all);
  m.server.init_asio(&m.io, ec);
  if (ec) return false;
  m.server.set_reuse_addr(true);
  m.server.set_open_handler([&m](Handle hdl) {
    std::lock_guard<std::mutex> lock(m.mu);
    m.open.insert(hdl);
    ++m.accepted;
  });
  auto forget = [&m](Handle hdl) {
    std::lock_guard<std::mutex> lock(m.mu);
    m.open.erase(hdl);
  };
  m.server.set_close_handler(forget);
  m.server.set_fail_handler(forget);
  m.server.set_message_handler(
      [&m](Handle hdl, Server::message_ptr message) { m.OnMessage(hdl, message); });
  m.server.listen(boost::asio::ip::tcp::endpoint(boost::asio::ip::address_v4::loopback(),
                                                 static_cast<unsigned short>(port)),
                  ec);
  if (ec) return false;
  m.server.start_accept(ec);
  if (ec) return false;
  m.RunThread();
  return true;
}

std::string WsTestServer::url() const {
  return "ws://127.0.0.1:" + std::to_string(impl_->port) + "/";
}

void WsTestServer::SendToAll(const std::string& text) {
  impl_->OnIo([this, text] {
    for (const Handle& hdl : impl_->OpenHandles()) {
      websocketpp::lib::error_code ec;
      impl_->server.send(hdl, text, websocketpp::frame::opcode::text, ec);
    }
  });
}

void WsTestServer::CloseAll() {
  impl_->OnIo([this] {
    for (const Handle& hdl : impl_->OpenHandles()) {
      websocketpp::lib::error_code ec;
      impl_->server.close(hdl, websocketpp::close::status::normal, "bye", ec);
    }
  });
}

void WsTestServer::Freeze() {
  Impl& m = *impl_;
  if (!m.running) return;
  m.io.stop();
  m.thread.join();
  m.running = false;
}

void WsTestServer::Stop() {
  Impl& m = *impl_;
  if (!m.started || m.stopped) return;
  m.stopped = true;
  if (!m.running) {
    // Frozen: run again, so the connections below are closed properly.
    m.io.restart();
    m.RunThread();
  }
  m.OnIo([&m] {
    websocketpp::lib::error_code ec;
    m.server.stop_listening(ec);
    for (const Handle& hdl : m.OpenHandles()) {
      m.server.close(hdl, websocketpp::close::status::going_away, "stopping", ec);
    }
  });
  // run() returns once every connection is closed; a peer that never answers
  // the close frame is cut off by io.stop() after kIoWait.
  m.StopThread();
}

int WsTestServer::accepted() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->accepted;
}

int WsTestServer::open_connections() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return static_cast<int>(impl_->open.size());
}

std::vector<std::string> WsTestServer::received() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->received;
}

}  // namespace srcbot::testing
