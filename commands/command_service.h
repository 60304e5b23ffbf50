#pragma once
// Turns one `/src` line into a Reply: tokenize, find the verb, check who may run
// it, parse its arguments and run it. State changes are committed (case,
// timeline and outbox together) before Handle returns, so the reply is only
// given for what is durable.
//
// Thread safety: Handle may be called from several threads if the store allows it.

#include <optional>
#include <string>
#include <string_view>

#include "commands/invocation.h"
#include "commands/verb.h"
#include "core/case_store.h"
#include "core/time.h"

namespace srcbot::commands {

// The error reply for command text no verb reads (the first check Handle
// makes): over 8,000 bytes, not UTF-8, or holding a control character other
// than tab, CR and LF (a NUL among them). nullopt when the text may go on.
// Handle also refuses more than 100 words. Pure.
std::optional<std::string> RefuseCommandText(std::string_view text);

class CommandService {
 public:
  CommandService(core::CaseStore& store, const core::Clock& clock, ServiceOptions options);

  // Never fails: errors become a one-line reply plus the verb's usage.
  Reply Handle(const Invocation& invocation);

  // The refusal Handle would give `user` for running `verb` at all — the same
  // reply, word for word — or nullopt when they may run it. For a form that
  // asks for a verb's arguments before running it (the Release button's
  // modal): the person learns at once, as if they had typed the verb.
  std::optional<Reply> RefuseVerb(const core::UserId& user, std::string_view verb);

  // The committee's time-driven work due at `now` (vote deadlines, temporary
  // members' ends, inactivity; commands/committee_change.h), committed with
  // its posts to the SRC channel. Returns the posts queued. Meant to be called
  // periodically (every --tick-seconds); each thing fires once.
  core::Result<int> CommitteeTick(core::TimePoint now);

  // Reminders, stale cases and on-call hand-overs due at `now`
  // (commands/reminder_tick.h), each committed with its posts. Returns the
  // posts queued. Meant to be called with CommitteeTick; each fires once.
  core::Result<int> ReminderTick(core::TimePoint now);

 private:
  core::Result<bool> IsSrcMember(const core::UserId& user);

  core::CaseStore& store_;
  const core::Clock& clock_;
  ServiceOptions options_;
};

}  // namespace srcbot::commands
