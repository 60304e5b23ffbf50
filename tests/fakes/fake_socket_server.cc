#include "tests/fakes/fake_socket_server.h"

#include "tests/fakes/fake_socket_impl.h"

namespace srcbot::testing {

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
