#pragma once
// Small pieces of the answers the inbound handlers give, shared by the slash
// command, modal and button paths. Never throw; only FormErrorAck asks the
// guard for anything.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/egress/embargo_guard.h"
#include "commands/invocation.h"

namespace srcbot::bot {

// A reply that names no case.
commands::Reply PlainReply(std::string text);

// CommandService turns every failure into a reply starting "Error: " (its
// contract: it never fails, errors become text).
bool IsErrorReply(const commands::Reply& reply);

// {"response_action":"errors","errors":{block_id: message}}: the modal stays open.
nlohmann::json FieldErrors(const std::map<std::string, std::string>& errors);

// What a modal's submission acks once its command ran: nullopt when `reply`
// is no error (the modal closes); otherwise the modal stays open, so what was
// typed is not lost, showing on `block` the first line of the reply as the
// guard clears it for `in` (judged like any reply).
std::optional<nlohmann::json> FormErrorAck(EmbargoGuard& guard, const commands::Invocation& in,
                                           const commands::Reply& reply, std::string_view block);

// A modal shows field errors as plain text, one short line: the first line of
// `mrkdwn`, with &amp; &lt; &gt; turned back into the characters they stand for.
std::string PlainFirstLine(const std::string& mrkdwn);

}  // namespace srcbot::bot
