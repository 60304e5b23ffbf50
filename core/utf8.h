#pragma once
// UTF-8 well-formedness, for text that must become a JSON string (nlohmann's
// dump throws on anything else). Pure.

#include <string_view>

namespace srcbot::core {

// True when `text` is well-formed UTF-8: no stray continuation bytes, no
// overlong forms, no UTF-16 surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text);

}  // namespace srcbot::core
