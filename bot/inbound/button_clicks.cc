#include "bot/inbound/button_clicks.h"

#include <string>
#include <utility>

#include "bot/blocks/button_blocks.h"
#include "bot/blocks/release_modal.h"
#include "bot/decode/form_decoder.h"
#include "bot/inbound/inbound_replies.h"
#include "core/buttons.h"
#include "core/str_cat.h"

namespace srcbot::bot {
namespace {

using commands::Invocation;
using commands::Reply;
using nlohmann::json;

// The first of our actions in the payload, read strictly.
std::optional<core::Click> FirstClick(const json& payload) {
  auto actions = payload.find("actions");
  if (actions == payload.end() || !actions->is_array()) return std::nullopt;
  for (const json& action : *actions) {
    auto kind = ReadButtonActionId(StringField(action, "action_id"));
    if (!kind) continue;
    auto click = core::ReadClick(core::ButtonActionName(*kind), StringField(action, "value"));
    if (click) return click;
  }
  return std::nullopt;
}

// The post's text once `user` clicked, or "" when there is nothing to edit:
// a vote already showing this person's line is left as it is.
std::string EditedText(const std::string& post_text, core::ButtonAction action,
                       const core::UserId& user) {
  const std::string line = core::DoneLine(action, user);
  if (post_text.empty()) return std::string();
  if (core::KeepsButtons(action) && post_text.find(line) != std::string::npos) return std::string();
  return core::StrCat({post_text, "\n", line});
}

}  // namespace

ButtonClicks::ButtonClicks(commands::CommandService& service, EmbargoGuard& guard, Runner run,
                           std::function<void()> notify_outbox)
    : service_(service),
      guard_(guard),
      run_(std::move(run)),
      notify_outbox_(std::move(notify_outbox)) {}

void ButtonClicks::NotifyOutbox() const {
  if (notify_outbox_) notify_outbox_();
}

void ButtonClicks::Later(std::function<void()> work) {
  if (after_ack_) {
    after_ack_(std::move(work));
  } else {
    work();
  }
}

void ButtonClicks::Answer(const Invocation& in, const std::string& response_url,
                          const Reply& reply) {
  Later([this, in, response_url, reply] {
    if (response_url.empty()) {
      (void)guard_.Reply(in, reply);
    } else {
      (void)guard_.ReplyVia(in, response_url, reply);
    }
  });
}

void ButtonClicks::Edit(const std::string& channel, const std::string& ts, const std::string& text,
                        const std::vector<core::Button>& buttons,
                        const std::vector<core::CaseId>& about) {
  Later([this, channel, ts, text, buttons, about] {
    (void)guard_.UpdatePost(channel, ts, text, buttons, about);
  });
}

std::optional<json> ButtonClicks::OnBlockActions(const json& payload) {
  if (!payload.is_object()) return std::nullopt;
  const json& container = ObjectField(payload, "container");
  std::string channel = StringField(ObjectField(payload, "channel"), "id");
  if (channel.empty()) channel = StringField(container, "channel_id");
  Invocation in{StringField(ObjectField(payload, "user"), "id"), channel, ""};
  const std::string response_url = StringField(payload, "response_url");
  // These refusals name no case and echo nothing from the payload. Without a
  // user or a channel only the response_url can take the answer.
  if (in.user.empty() || in.channel.empty()) {
    if (!response_url.empty()) Answer(in, response_url, PlainReply(std::string(kNoClicker)));
    return std::nullopt;
  }
  std::optional<core::Click> click = FirstClick(payload);
  if (!click) {
    Answer(in, response_url, PlainReply(std::string(kUnknownButton)));
    return std::nullopt;
  }
  std::string ts = StringField(container, "message_ts");
  if (ts.empty()) ts = StringField(ObjectField(payload, "message"), "ts");
  const std::string post_text = StringField(ObjectField(payload, "message"), "text");

  if (click->action == core::ButtonAction::kRelease) {
    // The modal would only collect what the verb then refuses: the rights
    // check comes first, with the typed verb's words.
    if (auto refused = service_.RefuseVerb(in.user, "release")) {
      Answer(in, response_url, *refused);
      return std::nullopt;
    }
    // The modal carries the post's text in its metadata, so it is judged as
    // speaking of the case.
    std::string trigger_id = StringField(payload, "trigger_id");
    json view = ReleaseModal(click->id, ReleaseOrigin{in.channel, ts, post_text});
    if (trigger_id.empty() ||
        guard_.OpenModal(in, trigger_id, view, {click->id}) != GuardOutcome::kSent) {
      const std::string ref = core::CaseRef(click->id);
      Answer(
          in, response_url,
          PlainReply(core::StrCat({"Could not open the release form. Type `/src release ", ref,
                                   " --version &lt;v&gt; --release-url &lt;url&gt;` instead."})));
    }
    return std::nullopt;
  }

  auto text = core::ClickCommand(*click);
  if (!text) return std::nullopt;
  in.text = *text;
  Reply reply = run_(in);
  NotifyOutbox();
  Answer(in, response_url, reply);
  // Nothing to edit after a refusal, and an ephemeral cannot be edited.
  const bool ephemeral = container.is_object() && container.value("is_ephemeral", false) == true;
  if (IsErrorReply(reply) || ts.empty() || ephemeral) return std::nullopt;
  std::string edited = EditedText(post_text, click->action, in.user);
  if (edited.empty()) return std::nullopt;
  std::vector<core::Button> left;
  if (core::KeepsButtons(click->action)) left = core::ButtonsFor(core::OffersVote(click->id), {});
  Edit(in.channel, ts, edited, left, core::ClickAbout(*click));
  return std::nullopt;
}

std::optional<json> ButtonClicks::OnReleaseSubmission(const json& payload) {
  ReleaseSubmission form = ReadReleaseSubmission(ObjectField(payload, "view"));
  if (!form.errors.empty()) return FieldErrors(form.errors);
  Invocation in{StringField(ObjectField(payload, "user"), "id"), form.origin.channel,
                form.command_text};
  if (in.user.empty()) {
    return FieldErrors(
        {{std::string(kReleaseVersionBlock), "Slack did not say who submitted this."}});
  }
  Reply reply = run_(in);
  NotifyOutbox();
  if (auto errors = FormErrorAck(guard_, in, reply, kReleaseVersionBlock)) return errors;
  Answer(in, "", reply);
  std::string edited = EditedText(form.origin.post_text, core::ButtonAction::kRelease, in.user);
  if (!form.origin.ts.empty() && !edited.empty())
    Edit(in.channel, form.origin.ts, edited, {}, {form.id});
  return std::nullopt;
}

}  // namespace srcbot::bot
