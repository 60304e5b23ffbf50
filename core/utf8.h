#pragma once
// UTF-8 well-formedness, for text that must become a JSON string (nlohmann's
// dump throws on anything else). Pure.

#include <cstddef>
#include <string_view>

namespace srcbot::core {

// True when `text` is well-formed UTF-8: no stray continuation bytes, no
// overlong forms, no UTF-16 surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text);

// `text` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view text, std::size_t max);

}  // namespace srcbot::core
