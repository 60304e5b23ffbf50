#pragma once
// Shared steps of the verbs that change a case: read the case argument, run the
// state machine inside the store's transaction, address its messages, and
// word the reply.

#include "commands/case_ref.h"
#include "commands/verb.h"

namespace srcbot::commands {

// The case named by the first positional argument (`what` names the verb for
// the error), or an error when it is missing or malformed.
// Errors here are mrkdwn, like every reply: what the user typed is escaped.
core::Result<core::CaseId> CaseArg(const Args& args, std::string_view what);

// The user named by `token` (a mention), or an error quoting what was typed.
core::Result<core::UserId> UserParam(const Token& token);

// Applies `command` to case `id` and commits the change. The reply repeats what
// happened for the invoker, unless they typed it in the SRC channel where the
// post already says it.
core::Result<Reply> ChangeCase(VerbContext& ctx, core::CaseId id, const core::Command& command);

// The same with any pure rule of the domain (e.g. core::Release) in place of
// the state machine's ApplyCommand.
using Rule = std::function<core::Result<core::Change>(const core::Case& current)>;
core::Result<Reply> ChangeCaseWith(VerbContext& ctx, core::CaseId id, const Rule& rule);

// Addresses messages meant for the configured channels (the SRC's, the
// general and the development channel) to their ids; a message for a public
// channel that is not configured is dropped.
void AddressMessages(core::Change& change, const ServiceOptions& options);

// The reply that tells the invoker what their change did.
Reply ChangeReply(const VerbContext& ctx, const core::Change& change, core::CaseId id);

}  // namespace srcbot::commands
