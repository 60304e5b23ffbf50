#pragma once
// Decoding what Slack POSTs as application/x-www-form-urlencoded (slash
// commands, the `payload=` of interactivity requests), and reading decoded
// JSON payloads without exceptions. Pure: no I/O, never throws.
//
// Rules: fields are separated by '&' (empty segments are skipped); a field
// without '=' has the empty value; '+' is a space; %XX is the byte 0xXX (hex in
// either case). Refused, with kInvalidArgument:
//   - a '%' not followed by two hex digits ("%", "%4", "%zz");
//   - an empty field name ("=x");
//   - the same name twice. Slack never repeats a field, and taking the first
//     or the last would let two layers that chose differently read different
//     values from one signed body, so a repeated name is an error.
// Decoded bytes are not otherwise checked; DecodeFormToJson also requires
// valid UTF-8, since a JSON string must be.

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace srcbot::bot {

using FormFields = std::map<std::string, std::string>;

core::Result<FormFields> DecodeForm(std::string_view body);

// DecodeForm, as a JSON object of strings (the shape InboundHandler takes).
core::Result<nlohmann::json> DecodeFormToJson(std::string_view body);

// Decodes one percent-encoded component ('+' is a space).
core::Result<std::string> PercentDecode(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool IsValidUtf8(std::string_view text);

// object[key] when `object` is a JSON object whose `key` holds a string;
// otherwise "". Never throws, whatever Slack (or an attacker) sent.
std::string StringField(const nlohmann::json& object, const std::string& key);
// object[key] when it is a JSON object; otherwise a null json.
const nlohmann::json& ObjectField(const nlohmann::json& object, const std::string& key);

}  // namespace srcbot::bot
