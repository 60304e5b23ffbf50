#pragma once
// Reading a submitted report modal (block_kit.h's ReportModal) into the `/src
// report` line it stands for, or into the per-field errors Slack shows in the
// modal. Running that line is the caller's job (slack_inbound.cc), so the form
// and the command share one path: grammar, permissions, state machine, store.
// Pure: no I/O, never throws.

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace srcbot::bot {

struct ReportSubmission {
  // block_id → message for the person. When not empty, nothing is to be run
  // and the modal stays open showing these.
  std::map<std::string, std::string> errors;
  std::string channel;       // where /src report was typed (private_metadata)
  std::string command_text;  // e.g. report "Heap overflow" --repo "acme/widget"
};

// `view` is the payload's `view` object. Values are read from
// view.state.values[block_id] (the first element of each block, `value` or
// `selected_option.value`) and trimmed. Checks: title present; repo, when
// given, owner/name; received, when given, an ISO-8601 time; via one of
// email/private/public; private_metadata a JSON object with a "channel".
ReportSubmission ReadReportSubmission(const nlohmann::json& view);

// `text` as one quoted argument for the `/src` tokenizer: \ " “ ” are
// backslash-escaped, and & < > written as &amp; &lt; &gt;, because the
// tokenizer decodes those entities (Slack sends typed text that way) and would
// read a raw < as the start of a Slack escape.
std::string QuoteArg(std::string_view text);

// The trimmed value of the one element in input block `block_id` of a
// submitted `view` (its `value`, or its `selected_option`'s), "" when absent.
// Slack keys the values by block_id and then action_id; reading the block's
// only element keeps old modals (or a renamed action_id) working.
std::string ModalInputValue(const nlohmann::json& view, std::string_view block_id);

}  // namespace srcbot::bot
