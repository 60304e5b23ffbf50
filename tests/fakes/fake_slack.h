#pragma once
// FakeSlack: a loopback Slack for scenario tests of the real binary
// (SLACK.md §9). Start() listens on 127.0.0.1 only, on free ports:
//   - Web API: POST http://127.0.0.1:<http_port>/api/<method>, JSON or form
//     bodies, `Authorization: Bearer` checked (FakeWebApi answers; its
//     world, faults and records are reachable through the methods below);
//   - response_url hooks: POST http://127.0.0.1:<http_port>/hooks/<id>, recorded;
//   - Socket Mode: ws://127.0.0.1:<ws_port>/link/?ticket=N, the URL
//     apps.connections.open hands out; each ticket works once.
// The HTTP side is a cpprestsdk listener and the websocket side websocketpp;
// neither header leaks from here. Thread-safe.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "tests/fakes/fake_socket_server.h"
#include "tests/fakes/fake_web_api.h"

namespace srcbot::testing {

class FakeSlack {
 public:
  using Options = FakeWebApi::Options;

  FakeSlack() : FakeSlack(Options()) {}
  explicit FakeSlack(Options options);
  ~FakeSlack();  // Stop()
  FakeSlack(const FakeSlack&) = delete;
  FakeSlack& operator=(const FakeSlack&) = delete;

  // kUnavailable when no port could be bound.
  core::Status Start();
  void Stop();

  const Options& options() const { return options_; }
  int http_port() const { return http_port_; }
  int ws_port() const { return socket_.port(); }
  // "http://127.0.0.1:<http_port>/api/": what the bot's Web API base is set to.
  std::string api_base() const;
  // "http://127.0.0.1:<http_port>/hooks/<id>": a response_url for payloads.
  std::string HookUrl(const std::string& id) const;

  // A trigger_id that opens one view within 3 s (FakeWebApi::IssueTrigger).
  std::string IssueTrigger() { return web_.IssueTrigger(); }

  // The workspace: channels (conversations.info/members, postMessage checks) and users.
  void SetChannel(const std::string& id, FakeChannel channel) {
    web_.SetChannel(id, std::move(channel));
  }
  void SetUser(FakeUser user) { web_.SetUser(std::move(user)); }

  // Faults (FakeWebApi): HTTP `status` n times; 429 + Retry-After n times
  // (scripts queue up per method; n <= 0 clears them); a per-channel
  // chat.postMessage limit per second (0: none).
  void FailNext(const std::string& method, int n, int status = 500) {
    web_.FailNext(method, n, status);
  }
  void RateLimitNext(const std::string& method, int n, int retry_after_seconds = 1) {
    web_.RateLimitNext(method, n, retry_after_seconds);
  }
  void SetPostMessageLimit(int per_second) { web_.SetPostMessageLimit(per_second); }
  void SetDelay(const std::string& method, std::chrono::milliseconds delay) {
    web_.SetDelay(method, delay);
  }

  // What the bot did.
  std::vector<ApiCall> Calls(const std::string& method = "") const { return web_.Calls(method); }
  std::optional<ApiCall> WaitForCall(const std::string& method,
                                     const FakeWebApi::CallPredicate& predicate,
                                     std::chrono::milliseconds timeout) const {
    return web_.WaitForCall(method, predicate, timeout);
  }
  std::vector<HookCall> Hooks() const { return web_.Hooks(); }
  std::optional<HookCall> WaitForHook(const std::string& id,
                                      std::chrono::milliseconds timeout) const {
    return web_.WaitForHook(id, timeout);
  }
  std::vector<PostedMessage> Messages() const { return web_.Messages(); }

  // Socket Mode (FakeSocketServer): envelopes go to the newest connection.
  std::string SendEnvelope(const std::string& type, const nlohmann::json& payload,
                           bool accepts_response_payload = false) {
    return socket_.SendEnvelope(type, payload, accepts_response_payload);
  }
  bool ResendEnvelope(const std::string& envelope_id) {
    return socket_.ResendEnvelope(envelope_id);
  }
  std::optional<nlohmann::json> WaitAck(const std::string& envelope_id,
                                        std::chrono::milliseconds timeout) const {
    return socket_.WaitAck(envelope_id, timeout);
  }
  bool SendDisconnect(const std::string& reason) { return socket_.SendDisconnect(reason); }
  void DropConnections() { socket_.DropConnections(); }
  int connections_accepted() const { return socket_.connections_accepted(); }
  int open_connections() const { return socket_.open_connections(); }
  bool WaitForConnections(int accepted, std::chrono::milliseconds timeout) const {
    return socket_.WaitForConnections(accepted, timeout);
  }
  bool WaitForOpenConnections(int open, std::chrono::milliseconds timeout) const {
    return socket_.WaitForOpenConnections(open, timeout);
  }

  FakeWebApi& web() { return web_; }
  FakeSocketServer& socket() { return socket_; }

 private:
  class Listener;  // the cpprestsdk HTTP listener, in the .cc

  const Options options_;
  FakeWebApi web_;
  FakeSocketServer socket_;
  std::unique_ptr<Listener> listener_;
  int http_port_ = 0;
};

}  // namespace srcbot::testing
