#pragma once
// The one egress point (SPEC §3). Every message that leaves the process — posts
// from the outbox, ephemeral replies, direct messages — is judged here against
// the embargo policy with fresh facts: the cases it speaks of, the SRC roster,
// and the destination's privacy and members. The guard fails closed: when a
// fact cannot be had, the message is held, not sent.
//
// The guard owns the MessageSink; no other object can reach it.
// Thread safety: safe to call from several threads when the store, the
// directory and the sink are (the Slack ones are).

#include <memory>
#include <optional>

#include "bot/message_sink.h"
#include "commands/invocation.h"
#include "core/case_store.h"

namespace srcbot::bot {

enum class GuardOutcome { kSent, kHeld, kRefused, kFailed };

class EmbargoGuard {
 public:
  EmbargoGuard(core::CaseStore& store, ChannelDirectory& directory, std::unique_ptr<MessageSink> sink);

  // Delivers one outbox message if its destination qualifies. kHeld when the
  // destination does not qualify (for good); kFailed when a fact could not be
  // had or the sink failed (not sent; try again later).
  GuardOutcome Deliver(const core::OutboxItem& item, std::string* note);

  // Answers the person who typed a command. When the reply carries details and
  // the channel does not qualify, the reply's fallback (or the standard
  // refusal) is shown instead: kRefused.
  GuardOutcome Reply(const commands::Invocation& to, const commands::Reply& reply);

  // Answers through a response_url (interactive replies that come after the
  // ack): judged exactly like Reply.
  GuardOutcome ReplyVia(const commands::Invocation& to, const std::string& response_url,
                        const commands::Reply& reply);

  // The same judgement for transports whose reply travels in the ack itself
  // (the slash command's HTTP response, the Socket Mode ack payload): returns
  // the text that may be shown to `to.user` in `to.channel`. `outcome`, when
  // not null, receives kSent or kRefused.
  std::string ReplyText(const commands::Invocation& to, const commands::Reply& reply,
                        GuardOutcome* outcome);

 private:
  // kUnavailable when a fact (case, roster, channel) cannot be had right now.
  core::Result<core::Decision> Judge(const std::vector<core::CaseId>& about,
                                     const std::string& channel, bool direct,
                                     const std::optional<core::UserId>& recipient);

  core::CaseStore& store_;
  ChannelDirectory& directory_;
  std::unique_ptr<MessageSink> sink_;
};

}  // namespace srcbot::bot
