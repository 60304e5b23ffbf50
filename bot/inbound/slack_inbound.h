#pragma once
// SlackInbound: srcbot's InboundHandler. It turns what Slack sends (slash
// commands, modal submissions and button clicks, Events API callbacks) into
// `/src` invocations and cache updates, and builds the acks. Every answer to a
// person passes the EmbargoGuard: the ack text is the guard's ReplyText, never
// the reply's own text.
//
// Ownership: every reference is borrowed and must outlive this object.
// Thread safety: no state of its own; safe from several threads when the
// command service, guard, Slack API, event log and directory are (the real
// ones are).

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/egress/embargo_guard.h"
#include "bot/egress/message_sink.h"
#include "bot/inbound/button_clicks.h"
#include "bot/inbound/inbound_handler.h"
#include "bot/observability/metrics.h"
#include "commands/command_service.h"
#include "core/event_log.h"
#include "core/time.h"

namespace srcbot::bot {

// Who "we" are in Slack, from auth.test, and which app the payloads are for.
struct SlackIdentity {
  std::string bot_user_id;  // events whose event.user is this are ours
  std::string bot_id;       // events whose event.bot_id is this are ours ("" = unknown)
  std::string api_app_id;   // when set, payloads naming another api_app_id are dropped
};

class SlackInbound : public InboundHandler {
 public:
  // `notify_outbox` is called after anything that may have queued outbox rows
  // (it should wake the outbox worker; it must not block). May be empty.
  SlackInbound(commands::CommandService& service, EmbargoGuard& guard, core::EventLog& events,
               ChannelDirectory& directory, const core::Clock& clock,
               SlackIdentity identity, std::function<void()> notify_outbox);

  // Counts every command run here (srcbot_commands_total{verb,outcome}: the
  // verb's name or "unknown", never the arguments). Set before serving; none
  // by default. `metrics` must outlive this object.
  void SetMetrics(Metrics* metrics) { metrics_ = metrics; }

  // `/src report` alone, with a trigger_id: opens the report modal at once (a
  // trigger lasts 3 s) and returns nullopt; when views.open fails, an
  // ephemeral that explains `/src report "<title>"`. Anything else runs as a
  // command; the ack is {"response_type":"ephemeral","text":<guarded text>},
  // or nullopt when the reply is empty.
  std::optional<nlohmann::json> OnSlashCommand(const nlohmann::json& payload) override;

  // view_submission of the report modal: field errors keep the modal open
  // ({"response_action":"errors",…}); otherwise the report runs for the
  // submitter in the channel the modal came from, the guarded reply goes there
  // as an ephemeral, and nullopt closes the modal. A command error (e.g. not an
  // SRC member) is shown on the title field instead. block_actions (srcbot's
  // buttons) and the release modal's submission: ButtonClicks
  // (bot/inbound/button_clicks.h). Anything else: nullopt.
  std::optional<nlohmann::json> OnInteraction(const nlohmann::json& payload) override;

  // url_verification → {"challenge": …}. event_callback: dropped when its
  // event_id was seen before; our own events are ignored (except membership
  // changes, as Bolt does); member_joined_channel, member_left_channel,
  // channel_shared and channel_unshared invalidate the directory's facts about
  // the channel. Returns nullopt.
  std::optional<nlohmann::json> OnEvent(const nlohmann::json& body) override;

  // app_home_opened on the Home tab calls `handler` with the user who opened
  // it (after the dedup above); it should publish that user's Home without
  // blocking (bot/blocks/home_publisher.h). Set before serving; none by default.
  // Button clicks' answers and post edits go to `after_ack` instead of
  // delaying the ack (ButtonClicks::SetAfterAck). Set before serving.
  void SetAfterAck(ButtonClicks::AfterAck after_ack) { clicks_.SetAfterAck(std::move(after_ack)); }

  void SetHomeOpenedHandler(std::function<void(const core::UserId&)> handler) {
    home_opened_ = std::move(handler);
  }

 private:
  bool ForAnotherApp(const nlohmann::json& payload) const;
  std::optional<nlohmann::json> OpenReportModal(const commands::Invocation& in,
                                                const std::string& trigger_id);
  std::optional<nlohmann::json> SubmitReport(const nlohmann::json& payload);
  void HandleEvent(const nlohmann::json& event);
  void NotifyOutbox() const;
  // service_.Handle, counted.
  commands::Reply Run(const commands::Invocation& in);

  commands::CommandService& service_;
  EmbargoGuard& guard_;
  core::EventLog& events_;
  ChannelDirectory& directory_;
  const core::Clock& clock_;
  Metrics* metrics_ = nullptr;
  SlackIdentity identity_;
  std::function<void()> notify_outbox_;
  std::function<void(const core::UserId&)> home_opened_;
  ButtonClicks clicks_;  // last: it calls Run and NotifyOutbox on this object
};

}  // namespace srcbot::bot
