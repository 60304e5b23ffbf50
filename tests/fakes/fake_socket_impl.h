#pragma once
// FakeSocketServer's insides (tests/fakes/fake_socket_server.h): the
// websocketpp server, its connections, and what a test has made them do
// (silent, held envelopes, pings). Included only by fake_socket_server.cc,
// which tests/CMakeLists.txt builds as C++17 for websocketpp.

#include "tests/fakes/fake_socket_server.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <mutex>
#include <thread>
// Boost 1.74's asio uses std::exchange without including <utility>.
#include <utility>

// websocketpp 0.8 is not written for -Wall -Wextra -Werror, nor for C++20:
// tests/CMakeLists.txt builds this file as C++17.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>
#pragma GCC diagnostic pop

namespace srcbot::testing {

namespace fake_socket {

using Json = nlohmann::json;
using Server = websocketpp::server<websocketpp::config::asio>;
using Handle = websocketpp::connection_hdl;

inline bool Same(const Handle& a, const Handle& b) {
  std::owner_less<Handle> less;
  return !less(a, b) && !less(b, a);
}

inline std::string TicketOf(const std::string& resource) {
  std::size_t at = resource.find("ticket=");
  if (at == std::string::npos) return "";
  std::size_t end = resource.find('&', at);
  return resource.substr(at + 7, end == std::string::npos ? std::string::npos : end - at - 7);
}

}  // namespace fake_socket

using namespace fake_socket;

struct FakeSocketServer::Impl {
  Server server;
  std::thread thread;
  TicketCheck check_ticket;
  int port = 0;
  bool running = false;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<Handle> open;  // oldest first
  int accepted = 0;
  int next_envelope = 1;
  std::map<std::string, Json> envelopes;  // as sent, by envelope_id
  std::map<std::string, Json> acks;       // the first ack, by envelope_id
  std::vector<std::string> other_frames;
  std::vector<Handle> silent;      // connections that neither send nor answer
  std::vector<std::string> held;   // envelope ids sent while the newest was silent
  std::chrono::milliseconds ping_interval{5000};
  Server::timer_ptr ping_timer;    // the server thread's only
  bool pings_stopped = false;      // the server thread's only
  std::chrono::steady_clock::time_point last_ping{};
  int pings = 0;           // sent by the server
  int pongs = 0;           // the client's answers to them
  int client_pings = 0;    // sent by the client (websocketpp answers them)
  int frames_lost = 0;     // text frames that arrived on a silent connection

  bool IsSilent(const Handle& hdl) const {  // mutex held
    return std::any_of(silent.begin(), silent.end(), [&](const Handle& h) { return Same(h, hdl); });
  }

  std::optional<Handle> Newest() const {
    std::lock_guard<std::mutex> lock(mutex);
    if (open.empty()) return std::nullopt;
    return open.back();
  }

  bool SendTo(const Handle& hdl, const Json& frame) {
    websocketpp::lib::error_code ec;
    server.send(hdl, frame.dump(), websocketpp::frame::opcode::text, ec);
    return !ec;
  }

  bool Send(const Json& frame) {
    std::optional<Handle> newest = Newest();
    return newest && SendTo(*newest, frame);
  }

  // An envelope to the newest connection; a silent one never sees it, and
  // it waits for the next connection (Slack redelivers unacked envelopes).
  bool SendEnvelope(const Json& envelope) {
    Handle newest;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (open.empty()) return false;
      newest = open.back();
      if (IsSilent(newest)) {
        held.push_back(envelope["envelope_id"].get<std::string>());
        return true;
      }
    }
    return SendTo(newest, envelope);
  }

  void Redeliver(const Handle& hdl) {
    std::vector<Json> again;
    {
      std::lock_guard<std::mutex> lock(mutex);
      // A test may silence this very connection before its open handler
      // gets here (WaitForConnections returns as soon as it is listed):
      // then the envelopes wait for the next one.
      if (IsSilent(hdl)) return;
      for (const std::string& id : held) {
        Json& envelope = envelopes[id];
        envelope["retry_attempt"] = envelope["retry_attempt"].get<int>() + 1;
        envelope["retry_reason"] = "timeout";
        again.push_back(envelope);
      }
      held.clear();
    }
    for (const Json& envelope : again) SendTo(hdl, envelope);
  }

  // Ticks often, so a changed interval applies at once.
  void SchedulePings() {
    if (pings_stopped) return;
    ping_timer = server.set_timer(50, [this](const websocketpp::lib::error_code& ec) {
      if (ec || pings_stopped) return;
      const auto now = std::chrono::steady_clock::now();
      bool due = false;
      {
        std::lock_guard<std::mutex> lock(mutex);
        due = ping_interval.count() > 0 && now - last_ping >= ping_interval;
        if (due) last_ping = now;
      }
      if (due) PingAll();
      SchedulePings();
    });
  }

  void PingAll() {
    std::vector<Handle> targets;
    {
      std::lock_guard<std::mutex> lock(mutex);
      for (const Handle& h : open) {
        if (!IsSilent(h)) targets.push_back(h);
      }
    }
    for (const Handle& h : targets) {
      websocketpp::lib::error_code ec;
      server.ping(h, "", ec);
      std::lock_guard<std::mutex> lock(mutex);
      if (!ec) ++pings;
    }
  }

  // Runs `act` on the newest connection's raw socket, on the server's thread
  // (asio sockets are not thread-safe).
  bool OnNewestSocket(std::function<void(Server::connection_ptr)> act) {
    std::optional<Handle> newest = Newest();
    if (!newest) return false;
    websocketpp::lib::error_code ec;
    Server::connection_ptr con = server.get_con_from_hdl(*newest, ec);
    if (ec || !con) return false;
    server.get_io_service().post([con, act = std::move(act)] { act(con); });
    return true;
  }

  bool SilenceNewest() {
    std::lock_guard<std::mutex> lock(mutex);
    if (open.empty()) return false;
    silent.push_back(open.back());
    return true;
  }

  void Forget(Handle hdl) {
    std::lock_guard<std::mutex> lock(mutex);
    auto same = [&](const Handle& h) { return Same(h, hdl); };
    open.erase(std::remove_if(open.begin(), open.end(), same), open.end());
    // A closed connection's handle must not stay: websocketpp may reuse its
    // memory for the next connection, which would then count as silent too.
    silent.erase(std::remove_if(silent.begin(), silent.end(), same), silent.end());
    changed.notify_all();
  }

  // Only /link/ with a good ticket is upgraded; the rest get 404 or 401.
  bool Validate(Handle hdl) {
    websocketpp::lib::error_code ec;
    Server::connection_ptr con = server.get_con_from_hdl(hdl, ec);
    if (ec || !con) return false;
    const std::string& resource = con->get_resource();
    if (resource.rfind("/link", 0) != 0) {
      con->set_status(websocketpp::http::status_code::not_found);
      return false;
    }
    if (check_ticket && !check_ticket(TicketOf(resource))) {
      con->set_status(websocketpp::http::status_code::unauthorized);
      return false;
    }
    return true;
  }

  void Opened(Handle hdl) {
    int count = 0;
    {
      std::lock_guard<std::mutex> lock(mutex);
      open.push_back(hdl);
      ++accepted;
      count = static_cast<int>(open.size());
      changed.notify_all();
    }
    Json hello = {{"type", "hello"},
                  {"num_connections", count},
                  {"connection_info", {{"app_id", "AFAKE"}}},
                  {"debug_info", {{"host", "fake-slack"}, {"approximate_connection_time", 18060}}}};
    SendTo(hdl, hello);
    Redeliver(hdl);
  }

  void Received(Handle hdl, Server::message_ptr message) {
    if (message->get_opcode() != websocketpp::frame::opcode::text) return;
    const std::string& text = message->get_payload();
    Json json = Json::parse(text, nullptr, false);
    std::lock_guard<std::mutex> lock(mutex);
    if (IsSilent(hdl)) {  // a dead path carries nothing
      ++frames_lost;
      return;
    }
    auto id = json.is_object() ? json.find("envelope_id") : json.end();
    if (json.is_object() && id != json.end() && id->is_string()) {
      acks.emplace(id->get<std::string>(), json);
    } else {
      other_frames.push_back(text);
    }
    changed.notify_all();
  }
};

}  // namespace srcbot::testing
