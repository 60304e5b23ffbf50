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

namespace {

using Json = nlohmann::json;
using Server = websocketpp::server<websocketpp::config::asio>;
using Handle = websocketpp::connection_hdl;

bool Same(const Handle& a, const Handle& b) {
  std::owner_less<Handle> less;
  return !less(a, b) && !less(b, a);
}

std::string TicketOf(const std::string& resource) {
  std::size_t at = resource.find("ticket=");
  if (at == std::string::npos) return "";
  std::size_t end = resource.find('&', at);
  return resource.substr(at + 7, end == std::string::npos ? std::string::npos : end - at - 7);
}

}  // namespace

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
  int client_pings = 0;
  int frames_lost = 0;     // text frames that arrived on a silent connection    // sent by the client (websocketpp answers them)

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

FakeSocketServer::FakeSocketServer() : impl_(std::make_unique<Impl>()) {}

FakeSocketServer::~FakeSocketServer() { Stop(); }

core::Status FakeSocketServer::Start(TicketCheck check_ticket) {
  Impl& m = *impl_;
  if (m.running) return core::Status::Ok();
  m.check_ticket = std::move(check_ticket);
  try {
    m.server.clear_access_channels(websocketpp::log::alevel::all);
    m.server.clear_error_channels(websocketpp::log::elevel::all);
    m.server.init_asio();
    m.server.set_reuse_addr(true);
    m.server.set_validate_handler([&m](Handle h) { return m.Validate(h); });
    m.server.set_open_handler([&m](Handle h) { m.Opened(h); });
    m.server.set_close_handler([&m](Handle h) { m.Forget(h); });
    m.server.set_fail_handler([&m](Handle h) { m.Forget(h); });
    m.server.set_message_handler(
        [&m](Handle h, Server::message_ptr msg) { m.Received(h, msg); });
    m.server.set_ping_handler([&m](Handle h, std::string) {
      std::lock_guard<std::mutex> lock(m.mutex);
      if (m.IsSilent(h)) return false;
      ++m.client_pings;
      return true;  // websocketpp answers with a pong
    });
    m.server.set_pong_handler([&m](Handle h, std::string) {
      std::lock_guard<std::mutex> lock(m.mutex);
      if (!m.IsSilent(h)) ++m.pongs;
    });
    auto loopback = websocketpp::lib::asio::ip::address::from_string("127.0.0.1");
    m.server.listen(websocketpp::lib::asio::ip::tcp::endpoint(loopback, 0));
    m.server.start_accept();
    websocketpp::lib::asio::error_code ec;
    m.port = m.server.get_local_endpoint(ec).port();
    if (ec) return core::Status::Unavailable("fake socket server: no local port");
  } catch (const std::exception& e) {
    return core::Status::Unavailable(std::string("fake socket server: ") + e.what());
  }
  m.SchedulePings();
  m.thread = std::thread([&m] { m.server.run(); });
  m.running = true;
  return core::Status::Ok();
}

void FakeSocketServer::Stop() {
  Impl& m = *impl_;
  if (!m.running) return;
  m.running = false;
  websocketpp::lib::error_code ec;
  m.server.stop_listening(ec);
  std::vector<Handle> open;
  {
    std::lock_guard<std::mutex> lock(m.mutex);
    open = m.open;
  }
  for (const Handle& h : open) m.server.close(h, websocketpp::close::status::going_away, "", ec);
  // Give clients a moment to answer the close frames; then stop regardless.
  WaitForOpenConnections(0, std::chrono::milliseconds(1000));
  // The ping timer is the server thread's: stopped there, and waited for,
  // so no tick outlives the server.
  auto pings_stopped = std::make_shared<std::promise<void>>();
  m.server.get_io_service().post([&m, pings_stopped] {
    m.pings_stopped = true;
    if (m.ping_timer) m.ping_timer->cancel();
    m.ping_timer.reset();
    pings_stopped->set_value();
  });
  pings_stopped->get_future().wait_for(std::chrono::seconds(2));
  m.server.stop();
  m.thread.join();
}

int FakeSocketServer::port() const { return impl_->port; }

std::string FakeSocketServer::SendEnvelope(const std::string& type, const nlohmann::json& payload,
                                           bool accepts_response_payload) {
  Json envelope = {{"type", type},
                   {"payload", payload},
                   {"accepts_response_payload", accepts_response_payload},
                   {"retry_attempt", 0},
                   {"retry_reason", ""}};
  std::string id;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    id = "env-" + std::to_string(impl_->next_envelope++);
    envelope["envelope_id"] = id;
    impl_->envelopes[id] = envelope;
  }
  return impl_->SendEnvelope(envelope) ? id : "";
}

bool FakeSocketServer::ResendEnvelope(const std::string& envelope_id) {
  Json envelope;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->envelopes.find(envelope_id);
    if (it == impl_->envelopes.end()) return false;
    it->second["retry_attempt"] = it->second["retry_attempt"].get<int>() + 1;
    it->second["retry_reason"] = "timeout";
    envelope = it->second;
  }
  return impl_->Send(envelope);
}

std::optional<nlohmann::json> FakeSocketServer::WaitAck(const std::string& envelope_id,
                                                        std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  if (!impl_->changed.wait_for(lock, timeout, [&] { return impl_->acks.count(envelope_id) > 0; })) {
    return std::nullopt;
  }
  return impl_->acks.at(envelope_id);
}

bool FakeSocketServer::SendDisconnect(const std::string& reason) {
  return impl_->Send(
      {{"type", "disconnect"}, {"reason", reason}, {"debug_info", {{"host", "fake-slack"}}}});
}

void FakeSocketServer::DropConnections() {
  std::vector<Handle> open;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    open = impl_->open;
  }
  for (const Handle& h : open) {
    websocketpp::lib::error_code ec;
    Server::connection_ptr con = impl_->server.get_con_from_hdl(h, ec);
    if (ec || !con) continue;
    // On the server's own thread: asio sockets are not thread-safe.
    impl_->server.get_io_service().post([con] {
      websocketpp::lib::asio::error_code ignored;
      con->get_raw_socket().shutdown(websocketpp::lib::asio::ip::tcp::socket::shutdown_both,
                                     ignored);
    });
  }
}

void FakeSocketServer::SetPingInterval(std::chrono::milliseconds interval) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->ping_interval = interval;
}

bool FakeSocketServer::Silence() { return impl_->SilenceNewest(); }

bool FakeSocketServer::HalfClose() {
  return impl_->OnNewestSocket([](Server::connection_ptr con) {
    websocketpp::lib::asio::error_code ignored;
    con->get_raw_socket().shutdown(websocketpp::lib::asio::ip::tcp::socket::shutdown_send,
                                   ignored);
  });
}

bool FakeSocketServer::StallMidFrame() {
  if (!impl_->SilenceNewest()) return false;
  return impl_->OnNewestSocket([](Server::connection_ptr con) {
    // FIN + text opcode, a 16-bit length of 200, and 10 of the 200 bytes.
    static const std::string kHalfFrame = std::string("\x81\x7e\x00\xc8", 4) + "{\"envelope";
    websocketpp::lib::asio::error_code ignored;
    websocketpp::lib::asio::write(con->get_raw_socket(),
                                  websocketpp::lib::asio::buffer(kHalfFrame), ignored);
  });
}

int FakeSocketServer::pings_sent() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->pings;
}

int FakeSocketServer::client_pings() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->client_pings;
}

int FakeSocketServer::frames_lost() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->frames_lost;
}

int FakeSocketServer::pongs_received() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->pongs;
}

int FakeSocketServer::connections_accepted() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->accepted;
}

int FakeSocketServer::open_connections() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return static_cast<int>(impl_->open.size());
}

bool FakeSocketServer::WaitForConnections(int accepted, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [&] { return impl_->accepted >= accepted; });
}

bool FakeSocketServer::WaitForOpenConnections(int open, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout,
                                 [&] { return static_cast<int>(impl_->open.size()) == open; });
}

std::vector<std::string> FakeSocketServer::other_frames() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->other_frames;
}

}  // namespace srcbot::testing
