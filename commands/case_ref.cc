#include "commands/case_ref.h"

#include <string>

namespace srcbot::commands {
namespace {

core::Status NotACase(std::string_view text) {
  // Keeps the one-line error short when someone pastes a paragraph, without
  // cutting a UTF-8 sequence.
  size_t n = 40;
  std::string shown(text);
  if (text.size() > n) {
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    shown = std::string(text.substr(0, n)) + "…";
  }
  return core::Status::Invalid("not a case id: \"" + shown + "\" (expected SRC-<n>)");
}

bool HasPrefixNoCase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_prefix[i]) return false;
  }
  return true;
}

}  // namespace

core::Result<core::CaseId> ParseCaseRef(std::string_view text) {
  std::string_view digits = text;
  if (HasPrefixNoCase(digits, "src-")) digits.remove_prefix(4);
  if (digits.empty()) return NotACase(text);
  core::CaseId n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return NotACase(text);
    n = n * 10 + (c - '0');  // cannot overflow: n <= 2^53 before this step
    if (n > kMaxCaseNumber) return NotACase(text);
  }
  if (n == 0) return NotACase(text);
  return n;
}

core::Result<core::CaseId> CaseRefArg(const Token& token) {
  if (token.kind != TokenKind::kWord && token.kind != TokenKind::kQuoted) {
    return NotACase(TokenText(token));
  }
  return ParseCaseRef(token.value);
}

}  // namespace srcbot::commands
