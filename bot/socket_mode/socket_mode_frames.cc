#include "bot/socket_mode/socket_mode_frames.h"

#include "bot/decode/bounded_json.h"

namespace srcbot::bot {

namespace {

std::string StringAt(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

SocketFrame ParseSocketFrame(std::string_view text) {
  SocketFrame frame;
  // A malformed or too deeply nested frame becomes a discarded value, ignored
  // unacked (the payload is copied below, which recurses once per level).
  nlohmann::json json = ParseBoundedJson(text);
  if (!json.is_object()) return frame;
  frame.type = StringAt(json, "type");
  frame.envelope_id = StringAt(json, "envelope_id");
  // An envelope_id wins over the type: whatever carries one is acked, even a
  // type this client does not know, so Slack does not redeliver it.
  if (!frame.envelope_id.empty()) {
    frame.kind = SocketFrame::Kind::kEnvelope;
    auto payload = json.find("payload");
    if (payload != json.end() && payload->is_object()) frame.payload = *payload;
    auto accepts = json.find("accepts_response_payload");
    frame.accepts_response_payload =
        accepts != json.end() && accepts->is_boolean() && accepts->get<bool>();
    auto retry = json.find("retry_attempt");
    if (retry != json.end() && retry->is_number_integer()) {
      frame.retry_attempt = retry->get<int>();
    }
  } else if (frame.type == "hello") {
    frame.kind = SocketFrame::Kind::kHello;
  } else if (frame.type == "disconnect") {
    frame.kind = SocketFrame::Kind::kDisconnect;
    frame.reason = StringAt(json, "reason");
  }
  return frame;
}

std::string MakeSocketAck(const std::string& envelope_id,
                          const std::optional<nlohmann::json>& payload) {
  nlohmann::json ack = {{"envelope_id", envelope_id}};
  if (payload.has_value()) ack["payload"] = *payload;
  // `replace`: a handler's reply may quote user text that is not valid UTF-8.
  return ack.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string AnswerEnvelope(InboundHandler& handler, const SocketFrame& envelope,
                           bool* handler_failed) {
  *handler_failed = false;
  std::optional<nlohmann::json> reply;
  if (envelope.payload.is_object()) {
    try {
      if (envelope.type == "events_api") {
        reply = handler.OnEvent(envelope.payload);
      } else if (envelope.type == "slash_commands") {
        reply = handler.OnSlashCommand(envelope.payload);
      } else if (envelope.type == "interactive") {
        reply = handler.OnInteraction(envelope.payload);
      }
    } catch (...) {
      // Still acked, plainly: an unacked envelope would only be redelivered
      // into the same failure.
      reply.reset();
      *handler_failed = true;
    }
  }
  if (!envelope.accepts_response_payload) reply.reset();
  return MakeSocketAck(envelope.envelope_id, reply);
}

}  // namespace srcbot::bot
