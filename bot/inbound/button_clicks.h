#pragma once
// ButtonClicks: what happens when someone clicks one of srcbot's buttons
// (core/buttons.h, bot/blocks/button_blocks.h), and the Release modal's
// submission. A click is read from its action_id and value alone, turned into
// the `/src` line it stands for and run by the CommandService as the clicker,
// in the channel of the post: the same verb code, rights check and guard as
// typing it. Only after it worked is the post edited (through the guard) to
// say who did it.
//
// Ownership: every reference is borrowed and must outlive this object.
// Thread safety: as safe as the service and the guard; SetAfterAck before serving.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/egress/embargo_guard.h"
#include "commands/command_service.h"

namespace srcbot::bot {

// What a click that runs nothing is answered (through its response_url).
inline constexpr std::string_view kUnknownButton =
    "Error: srcbot does not know that button (or it was changed on the way). Nothing was done; "
    "type the command instead, see /src help.";
inline constexpr std::string_view kNoClicker =
    "Error: the click arrived without a user or a channel. Nothing was done.";

class ButtonClicks {
 public:
  // `run` runs one invocation (SlackInbound's counted Handle); `notify_outbox`
  // wakes the delivery loop (may be empty).
  using Runner = std::function<commands::Reply(const commands::Invocation&)>;
  ButtonClicks(commands::CommandService& service, EmbargoGuard& guard, Runner run,
               std::function<void()> notify_outbox);

  // A block_actions payload. The first action whose action_id is one of ours
  // and whose value is a bare id is taken; anything else (no user or channel,
  // no action, an unknown action, a value with more than an id) runs nothing
  // and is answered kNoClicker or kUnknownButton through the response_url. The command's reply goes
  // to the clicker through the payload's response_url (or as an ephemeral); when the command worked
  // and the payload names the post (container.message_ts and message.text), the post is edited: its
  // text plus core::DoneLine, buttons removed (votes keep theirs). Release opens the release modal
  // for the clicker instead (after the same rights check as `release`). Returns the ack body:
  // always nullopt.
  std::optional<nlohmann::json> OnBlockActions(const nlohmann::json& payload);

  // The release modal's view_submission: field errors keep the modal open,
  // and so does a command error (shown on the version field); otherwise the
  // release runs, the reply is an ephemeral in the post's channel, the post
  // says "Released by …" without its button, and nullopt closes the modal.
  std::optional<nlohmann::json> OnReleaseSubmission(const nlohmann::json& payload);

  // Where the answers and the edits go once the command has run, so that
  // their Web API calls do not delay the ack (app/ hands a WorkQueue's Post).
  // None (the default): they run before the ack, on the caller's thread.
  // Modals still open before the ack: their trigger lasts 3 s.
  using AfterAck = std::function<void(std::function<void()>)>;
  void SetAfterAck(AfterAck after_ack) { after_ack_ = std::move(after_ack); }

 private:
  void Answer(const commands::Invocation& in, const std::string& response_url,
              const commands::Reply& reply);
  void Edit(const std::string& channel, const std::string& ts, const std::string& text,
            const std::vector<core::Button>& buttons, const std::vector<core::CaseId>& about);
  void Later(std::function<void()> work);
  void NotifyOutbox() const;

  commands::CommandService& service_;
  EmbargoGuard& guard_;
  Runner run_;
  std::function<void()> notify_outbox_;
  AfterAck after_ack_;
};

}  // namespace srcbot::bot
