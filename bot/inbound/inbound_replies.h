#pragma once
// Small pieces of the answers the inbound handlers give, shared by the slash
// command, modal and button paths. Pure: no I/O, never throws.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "commands/invocation.h"

namespace srcbot::bot {

// A reply that names no case.
commands::Reply PlainReply(std::string text);

// CommandService turns every failure into a reply starting "Error: " (its
// contract: it never fails, errors become text).
bool IsErrorReply(const commands::Reply& reply);

// {"response_action":"errors","errors":{block_id: message}}: the modal stays open.
nlohmann::json FieldErrors(const std::map<std::string, std::string>& errors);

// A modal shows field errors as plain text, one short line: the first line of
// `mrkdwn`, with &amp; &lt; &gt; turned back into the characters they stand for.
std::string PlainFirstLine(const std::string& mrkdwn);

}  // namespace srcbot::bot
