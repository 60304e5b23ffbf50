#pragma once
// The text frames of Slack's Socket Mode protocol (SLACK.md §4.2-4.3) as
// values: what the server sends, parsed, and the ack the client sends back.
// No I/O; nothing here throws, whatever arrives on the wire.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/inbound/inbound_handler.h"

namespace srcbot::bot {

struct SocketFrame {
  enum class Kind {
    kIgnored,     // not JSON, not an object, or a type we do not know without an envelope_id
    kHello,       // the connection is live
    kDisconnect,  // Slack is about to close this connection; see `reason`
    kEnvelope,    // anything carrying an envelope_id: must be acked
  };
  Kind kind = Kind::kIgnored;
  std::string type;         // "hello", "events_api", "slash_commands", "interactive"…
  std::string reason;       // kDisconnect: "refresh_requested", "warning", "link_disabled"…
  std::string envelope_id;  // kEnvelope: never empty
  // kEnvelope: the payload object, or null when it was missing or not an object.
  nlohmann::json payload;
  bool accepts_response_payload = false;
  int retry_attempt = 0;
};

SocketFrame ParseSocketFrame(std::string_view text);

// {"envelope_id": id}, plus "payload" when `payload` holds a value.
std::string MakeSocketAck(const std::string& envelope_id,
                          const std::optional<nlohmann::json>& payload);

// Hands an envelope's payload to `handler` by type (events_api → OnEvent,
// slash_commands → OnSlashCommand, interactive → OnInteraction) and returns the
// ack: with the handler's reply as "payload" only when the envelope
// accepts_response_payload. Unknown types and envelopes without a payload
// object are acked without calling the handler. When the handler throws, the
// ack is plain and `*handler_failed` is set. Never throws.
std::string AnswerEnvelope(InboundHandler& handler, const SocketFrame& envelope,
                           bool* handler_failed);

}  // namespace srcbot::bot
