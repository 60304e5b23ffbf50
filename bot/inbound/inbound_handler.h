#pragma once
// What Slack sends, handled the same way on every transport. The HTTP endpoint
// (after verifying the signature and decoding the body) and the Socket Mode
// client (from an envelope's payload) both call these. Each returns quickly:
// state changes are committed, the outbox is nudged, and anything slow runs
// after the ack.
//
// Thread-safe.

#include <optional>

#include <nlohmann/json.hpp>

namespace srcbot::bot {

class InboundHandler {
 public:
  virtual ~InboundHandler() = default;

  // A slash command: the fields of Slack's form (user_id, channel_id, text,
  // command, response_url, trigger_id, api_app_id…) as a JSON object of
  // strings. Returns the ack body, e.g. {"response_type":"ephemeral","text":…},
  // or nullopt for an empty ack.
  virtual std::optional<nlohmann::json> OnSlashCommand(const nlohmann::json& payload) = 0;

  // An interactivity payload (block_actions, view_submission…). Returns the ack
  // body (e.g. {"response_action":"errors",…}) or nullopt for an empty ack.
  virtual std::optional<nlohmann::json> OnInteraction(const nlohmann::json& payload) = 0;

  // An Events API body. url_verification returns {"challenge": …}; an
  // event_callback is deduplicated on event_id and returns nullopt.
  virtual std::optional<nlohmann::json> OnEvent(const nlohmann::json& body) = 0;
};

}  // namespace srcbot::bot
