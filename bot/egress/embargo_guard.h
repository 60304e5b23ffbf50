#pragma once
// The one egress point (SPEC §3). Every message that leaves the process —
// posts and DMs from the outbox, ephemeral replies, the text inside a slash
// command's ack, response_url answers, modals and App Home views — is judged
// here against the embargo policy with fresh facts: the cases it speaks of,
// the SRC roster, and the destination's privacy and members.
//
// By construction: the guard makes its MessageSink itself (a sink needs an
// EgressKey, which only the guard can make), and the text of an ack is a
// ClearedText, which only the guard can make.
//
// Fails closed: when a fact cannot be had, a queued message is not sent (it
// stays pending and is tried again) and a reply shows the refusal instead.
// Every decision about a message that names a case is recorded with the case
// (CaseStore::RecordDecisions); when the record cannot be written, the
// message is not sent either.
//
// Thread safety: safe to call from several threads when the store, the
// directory and the sink are (the Slack ones are).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/egress/message_sink.h"
#include "bot/observability/metrics.h"
#include "commands/invocation.h"
#include "core/case_store.h"

namespace srcbot::bot {

enum class GuardOutcome { kSent, kHeld, kRefused, kFailed };

// A text the guard has cleared for one person in one place (or replaced by the
// refusal). Only the guard makes these.
class ClearedText {
 public:
  const std::string& text() const { return text_; }

 private:
  friend class EmbargoGuard;
  explicit ClearedText(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

class EmbargoGuard {
 public:
  using SinkFactory = std::function<std::unique_ptr<MessageSink>(const EgressKey&)>;

  // `make_sink` is called once, here, with the key a sink needs. Each decision
  // about a case is counted in `metrics` (srcbot_embargo_decisions_total) when
  // it is not null; it must outlive the guard.
  EmbargoGuard(core::CaseStore& store, ChannelDirectory& directory, const SinkFactory& make_sink,
               Metrics* metrics = nullptr);

  // Delivers one outbox message if its destination qualifies. kHeld when the
  // destination does not qualify (for good); kFailed when a fact could not be
  // had or the sink failed (not sent; try again later). A public release post
  // (item.release_of) is rendered here from the case's public fields, and only
  // once the case is released.
  GuardOutcome Deliver(const core::OutboxItem& item, std::string* note);

  // Answers the person who typed a command, as an ephemeral. When the reply
  // carries details and the channel does not qualify, the reply's fallback (or
  // the standard refusal) is shown instead: kRefused.
  GuardOutcome Reply(const commands::Invocation& to, const commands::Reply& reply);

  // Answers through a response_url (interactive replies that come after the
  // ack): judged exactly like Reply.
  GuardOutcome ReplyVia(const commands::Invocation& to, const std::string& response_url,
                        const commands::Reply& reply);

  // The same judgement for transports whose reply travels in the ack itself
  // (the slash command's HTTP response, the Socket Mode ack payload). `outcome`,
  // when not null, receives kSent or kRefused.
  ClearedText ReplyText(const commands::Invocation& to, const commands::Reply& reply,
                        GuardOutcome* outcome);

  // A modal for `to.user` (who holds `trigger_id`); `about` lists the cases the
  // view shows details of. Judged like a DM to that person.
  GuardOutcome OpenModal(const commands::Invocation& to, const std::string& trigger_id,
                         const nlohmann::json& view, const std::vector<core::CaseId>& about);

  // Edits our post `ts` in `channel` after `by` clicked one of its buttons:
  // `text` and the `buttons` left (none: removed). Judged like a post to
  // `channel` about `about` (recorded as "update"); kRefused when the channel
  // does not qualify any more, kFailed when a fact or the sink failed.
  GuardOutcome UpdatePost(const std::string& channel, const std::string& ts,
                          const std::string& text, const std::vector<core::Button>& buttons,
                          const std::vector<core::CaseId>& about);

  // `user`'s App Home tab; judged like a DM to that person.
  GuardOutcome PublishHome(const core::UserId& user, const nlohmann::json& view,
                           const std::vector<core::CaseId>& about);

 private:
  struct Target {
    const char* kind;         // for the record: "post", "ephemeral", "ack", …
    std::string destination;  // channel id, or the user id of a DM / App Home / modal
    bool direct = false;      // a DM-like place only `destination` (a user) sees
    std::optional<core::UserId> recipient;
  };
  enum class Clearance { kCleared, kRefused, kUnknown };

  // kUnavailable when a fact (case, roster, channel) cannot be had right now.
  core::Result<core::Decision> Judge(const std::vector<core::CaseId>& about, const Target& target);
  // Judges and records the decision with every case in `about`. A decision
  // that cannot be recorded is not acted on: kCleared becomes kUnknown.
  Clearance Decide(const std::vector<core::CaseId>& about, const Target& target,
                   std::string* reason);
  core::Status Record(const std::vector<core::CaseId>& about, const Target& target,
                      const char* outcome,
                      const std::string& reason);
  GuardOutcome DeliverRelease(const core::OutboxItem& item, std::string* note);
  void Count(const std::vector<core::CaseId>& about, EmbargoVerdict verdict);

  core::CaseStore& store_;
  ChannelDirectory& directory_;
  std::unique_ptr<MessageSink> sink_;
  Metrics* metrics_;
};

}  // namespace srcbot::bot
