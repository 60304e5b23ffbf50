#pragma once
// JSON from the network, parsed only when its nesting is bounded. nlohmann's
// parser itself keeps its own stack, but copying, comparing or dumping a value
// recurses once per level: 100,000 nested '[' fit in a 1 MiB body and would
// overflow the stack of whichever code touched the value next. Slack's
// deepest payloads (rich-text blocks inside a view's state) nest about a
// dozen levels. Pure: no I/O, never throws.

#include <string_view>

#include <nlohmann/json.hpp>

namespace srcbot::bot {

inline constexpr int kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `text`, counting brackets
// outside strings only, and stopping at `limit` + 1. Malformed text gives some
// number; the parser judges the rest.
int JsonDepth(std::string_view text, int limit = kMaxJsonDepth);

// `text` parsed; a discarded value (is_discarded()) when it is malformed,
// not UTF-8, or nested deeper than kMaxJsonDepth, which is checked first.
nlohmann::json ParseBoundedJson(std::string_view text);

}  // namespace srcbot::bot
