#include "commands/args.h"

#include <algorithm>
#include <utility>

namespace srcbot::commands {

bool Args::Has(std::string_view flag) const { return flags.count(std::string(flag)) > 0; }

std::string Args::Value(std::string_view flag) const {
  auto it = flags.find(std::string(flag));
  return it == flags.end() ? std::string() : it->second;
}

const Token* Args::FlagToken(std::string_view flag) const {
  auto it = flag_tokens.find(std::string(flag));
  return it == flag_tokens.end() ? nullptr : &it->second;
}

core::Result<Args> ParseArgs(const std::vector<Token>& tokens,
                             const std::vector<FlagSpec>& allowed) {
  Args args;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.kind != TokenKind::kFlag) {
      args.positionals.push_back(token);
      continue;
    }
    const std::string dashed = TokenText(token);
    auto spec = std::find_if(allowed.begin(), allowed.end(),
                             [&](const FlagSpec& s) { return s.name == token.value; });
    if (spec == allowed.end()) return core::Status::Invalid("unknown flag " + dashed);
    if (args.flags.count(token.value)) return core::Status::Invalid(dashed + " given twice");
    const bool attached = token.label == kAttachedValue;
    if (!spec->takes_value) {
      if (attached) return core::Status::Invalid(dashed + " takes no value");
      args.flags[token.value] = "";
      continue;
    }
    // A flag right after a value flag means the value was forgotten; a value
    // that really starts with -- can be quoted.
    if (i + 1 == tokens.size() || tokens[i + 1].kind == TokenKind::kFlag) {
      return core::Status::Invalid(dashed + " needs a value");
    }
    const Token& value = tokens[++i];
    args.flags[token.value] = TokenText(value);
    args.flag_tokens[token.value] = value;
  }
  return args;
}

core::Result<std::string> UserArg(const Token& token) {
  if (token.kind == TokenKind::kUser) return token.value;
  return core::Status::Invalid("expected a user, like @alice, got \"" + TokenText(token) + "\"");
}

core::Result<std::string> LinkArg(const Token& token) {
  if (token.kind == TokenKind::kLink) return token.value;
  // Quotes around a link Slack escaped leave its text, which is still the URL.
  const std::string& text = token.value;
  if (token.kind == TokenKind::kQuoted && text.find_first_of(" \t\n") == std::string::npos &&
      (text.starts_with("https://") || text.starts_with("http://"))) {
    return text;
  }
  return core::Status::Invalid("expected a link, like https://example.com/…, got \"" +
                               TokenText(token) + "\"");
}

}  // namespace srcbot::commands
