#pragma once
// The Socket Mode half of the loopback fake Slack (SLACK.md §4 and §9): a
// websocket server on 127.0.0.1 (websocketpp, no TLS) that accepts connections
// on /link/, says `hello` to each, and lets the test push envelopes, read the
// acks, send `disconnect` and drop connections. websocketpp stays inside the
// .cc. Thread-safe.
//
// Like Slack, it pings every open connection (every 5 s unless told
// otherwise) and answers the client's pings. The failure modes a Socket Mode
// client must survive are scripted on the newest connection: Silence (no
// pings, no pongs, no frames either way, as a dead network path), HalfClose
// (a FIN without a close frame) and StallMidFrame (half a frame, then
// silence). Envelopes sent while the newest connection is silent are held,
// unacked, and delivered again (retry_attempt + 1) on the next connection
// that opens, as Slack redelivers what was never acked.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace srcbot::testing {

class FakeSocketServer {
 public:
  // Decides whether a connection's ?ticket= is good (single use); empty: any is.
  using TicketCheck = std::function<bool(const std::string& ticket)>;

  FakeSocketServer();
  ~FakeSocketServer();  // Stop()
  FakeSocketServer(const FakeSocketServer&) = delete;
  FakeSocketServer& operator=(const FakeSocketServer&) = delete;

  // Listens on 127.0.0.1 on a free port. kUnavailable when it cannot.
  core::Status Start(TicketCheck check_ticket);
  void Stop();
  int port() const;

  // Sends an envelope to the newest open connection; returns its envelope_id
  // ("env-1"…), or "" when no connection is open.
  std::string SendEnvelope(const std::string& type, const nlohmann::json& payload,
                           bool accepts_response_payload);
  // Sends a sent envelope again (newest connection) with retry_attempt + 1,
  // retry_reason "timeout", as Slack does when an ack is late.
  bool ResendEnvelope(const std::string& envelope_id);
  // The first ack for `envelope_id` ({"envelope_id":…, "payload"?…}), waiting
  // up to `timeout`.
  std::optional<nlohmann::json> WaitAck(const std::string& envelope_id,
                                        std::chrono::milliseconds timeout) const;
  // {"type":"disconnect","reason":reason} to the newest open connection.
  bool SendDisconnect(const std::string& reason);
  // Ends every open connection at the TCP level, with no close frame.
  void DropConnections();
  // How often the server pings each open connection that is not silent;
  // zero stops pinging (the connections stay otherwise healthy).
  void SetPingInterval(std::chrono::milliseconds interval);
  // The newest connection goes silent: see the header comment. False when
  // none is open.
  bool Silence();
  // Shuts down the sending side of the newest connection (FIN, no close
  // frame); the server still reads. False when none is open.
  bool HalfClose();
  // Writes the first bytes of a text frame to the newest connection, never
  // the rest, and silences it. False when none is open.
  bool StallMidFrame();
  // Over all connections: pings the server sent and the pongs it got back,
  // and the pings clients sent (each answered unless silenced).
  int pings_sent() const;
  int pongs_received() const;
  int client_pings() const;
  // Text frames a client sent on a silenced connection (never recorded).
  int frames_lost() const;

  int connections_accepted() const;
  int open_connections() const;
  bool WaitForConnections(int accepted, std::chrono::milliseconds timeout) const;
  bool WaitForOpenConnections(int open, std::chrono::milliseconds timeout) const;
  // Text frames received that were not acks, in order.
  std::vector<std::string> other_frames() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace srcbot::testing
