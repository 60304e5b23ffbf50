#include "bot/inbound/slack_inbound.h"

#include <map>
#include <utility>

#include "bot/blocks/block_kit.h"
#include "bot/blocks/release_modal.h"
#include "bot/blocks/report_modal.h"
#include "bot/decode/form_decoder.h"
#include "bot/inbound/inbound_replies.h"
#include "commands/case_ref.h"
#include "core/markup.h"

namespace srcbot::bot {
namespace {

using commands::Invocation;
using commands::Reply;
using nlohmann::json;

// The text stays as the notification fallback; the blocks are what Slack shows
// (help and case texts read better as sections than as one long message).
// Only a text the guard cleared can go into an ack.
json Ephemeral(const ClearedText& cleared) {
  const std::string& text = cleared.text();
  return {{"response_type", "ephemeral"}, {"text", text}, {"blocks", TextBlocks(text)}};
}

std::string Trim(const std::string& s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  std::size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return std::string();
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

SlackInbound::SlackInbound(commands::CommandService& service, EmbargoGuard& guard,
                           core::EventLog& events, ChannelDirectory& directory,
                           const core::Clock& clock, SlackIdentity identity,
                           std::function<void()> notify_outbox)
    : service_(service),
      guard_(guard),
      events_(events),
      directory_(directory),
      clock_(clock),
      identity_(std::move(identity)),
      notify_outbox_(std::move(notify_outbox)),
      clicks_(service, guard, [this](const Invocation& in) { return Run(in); },
              [this] { NotifyOutbox(); }) {}

void SlackInbound::NotifyOutbox() const {
  if (notify_outbox_) notify_outbox_();
}

Reply SlackInbound::Run(const Invocation& in) {
  Reply reply = service_.Handle(in);
  if (metrics_ != nullptr) metrics_->CommandHandled(CommandVerbLabel(in.text), !IsErrorReply(reply));
  return reply;
}

// A payload that names no app is let through: the signature (or the Socket
// Mode connection) already proves it is from Slack for this app's credentials.
bool SlackInbound::ForAnotherApp(const json& payload) const {
  if (identity_.api_app_id.empty()) return false;
  std::string app = StringField(payload, "api_app_id");
  return !app.empty() && app != identity_.api_app_id;
}

std::optional<json> SlackInbound::OnSlashCommand(const json& payload) {
  if (ForAnotherApp(payload)) return std::nullopt;
  Invocation in{StringField(payload, "user_id"), StringField(payload, "channel_id"),
                StringField(payload, "text")};
  if (in.user.empty() || in.channel.empty()) {
    return Ephemeral(
        guard_.ReplyText(in, PlainReply("Error: the command arrived without a user or a channel."), nullptr));
  }
  std::string trigger_id = StringField(payload, "trigger_id");
  if (Trim(in.text) == "report" && !trigger_id.empty()) return OpenReportModal(in, trigger_id);
  Reply reply = Run(in);
  NotifyOutbox();
  if (reply.text.empty()) return std::nullopt;
  return Ephemeral(guard_.ReplyText(in, reply, nullptr));
}

std::optional<json> SlackInbound::OpenReportModal(const Invocation& in,
                                                  const std::string& trigger_id) {
  // The trigger expires 3 s after Slack sent it and works once, so the modal
  // opens before anything else; the ack follows. The blank form names no case.
  if (guard_.OpenModal(in, trigger_id, ReportModal(in.channel), {}) == GuardOutcome::kSent) {
    return std::nullopt;
  }
  Reply fallback = PlainReply(
      "Could not open the report form. Type `/src report \"&lt;title&gt;\"` instead; "
      "`/src help report` lists the options.");
  return Ephemeral(guard_.ReplyText(in, fallback, nullptr));
}

std::optional<json> SlackInbound::OnInteraction(const json& payload) {
  if (ForAnotherApp(payload)) return std::nullopt;
  std::string type = StringField(payload, "type");
  if (type == "view_submission" &&
      StringField(ObjectField(payload, "view"), "callback_id") == kReportCallbackId) {
    return SubmitReport(payload);
  }
  if (type == "view_submission" &&
      StringField(ObjectField(payload, "view"), "callback_id") == kReleaseCallbackId) {
    return clicks_.OnReleaseSubmission(payload);
  }
  if (type == "block_actions") return clicks_.OnBlockActions(payload);
  return std::nullopt;
}

std::optional<json> SlackInbound::SubmitReport(const json& payload) {
  ReportSubmission form = ReadReportSubmission(ObjectField(payload, "view"));
  if (!form.errors.empty()) return FieldErrors(form.errors);
  Invocation in{StringField(ObjectField(payload, "user"), "id"), form.channel, form.command_text};
  if (in.user.empty()) {
    return FieldErrors({{std::string(kReportTitleBlock), "Slack did not say who submitted this."}});
  }
  Reply reply = Run(in);
  NotifyOutbox();
  // A failed report names no case, but its error is judged like any reply.
  if (auto errors = FormErrorAck(guard_, in, reply, kReportTitleBlock)) return errors;
  // A view_submission has no response_url: the answer is an ephemeral in the
  // channel the form came from, judged for that channel. The case's own post
  // to the SRC channel comes from the outbox.
  (void)guard_.Reply(in, reply);
  return std::nullopt;
}

std::optional<json> SlackInbound::OnEvent(const json& body) {
  std::string type = StringField(body, "type");
  if (type == "url_verification") return json{{"challenge", StringField(body, "challenge")}};
  if (type != "event_callback" || ForAnotherApp(body)) return std::nullopt;
  std::string event_id = StringField(body, "event_id");
  if (!event_id.empty()) {
    auto first = events_.FirstDelivery(event_id, clock_.Now());
    if (first.ok() && !first.value()) return std::nullopt;
    // When the log cannot be read the event is processed anyway: the ack is a
    // 200 either way (an InboundHandler cannot ask Slack to retry), and what
    // events do here — dropping cached channel facts — is harmless twice but
    // unsafe to miss (a stale member list could let the guard post details
    // to someone who just joined).
  }
  HandleEvent(ObjectField(body, "event"));
  return std::nullopt;
}

void SlackInbound::HandleEvent(const json& event) {
  std::string type = StringField(event, "type");
  bool membership = type == "member_joined_channel" || type == "member_left_channel";
  bool ours =
      (!identity_.bot_user_id.empty() && StringField(event, "user") == identity_.bot_user_id) ||
      (!identity_.bot_id.empty() && StringField(event, "bot_id") == identity_.bot_id);
  // Our own messages are ignored so the bot never answers itself; membership
  // events are kept even when they are about us, as Bolt's ignoreSelf does:
  // the bot joining a channel changes what is known about it too.
  if (ours && !membership) return;
  if (type == "app_home_opened") {
    std::string user = StringField(event, "user");
    std::string tab = StringField(event, "tab");
    if (home_opened_ && !user.empty() && (tab.empty() || tab == "home")) home_opened_(user);
    return;
  }
  if (membership || type == "channel_shared" || type == "channel_unshared") {
    std::string channel = StringField(event, "channel");
    if (!channel.empty()) directory_.Invalidate(channel);
  }
}

}  // namespace srcbot::bot
