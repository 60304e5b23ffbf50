#pragma once
// Args: the tokens of a `/src` command after its verb, split into positionals
// and the flags that verb allows. Also the helpers that read one token as a
// user or a link. Pure: no I/O, never throws.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "commands/tokenizer.h"
#include "core/result.h"

namespace srcbot::commands {

// A flag a verb accepts, named without dashes ("repo" for --repo).
struct FlagSpec {
  std::string name;
  bool takes_value = false;
};

struct Args {
  std::vector<Token> positionals;  // every non-flag token, in the order typed
  // Flag name → TokenText of its value ("" for a boolean flag). For a flag
  // whose value is a user or a link, read flag_tokens with UserArg/LinkArg.
  std::map<std::string, std::string> flags;
  std::map<std::string, Token> flag_tokens;  // flag name → its value token

  bool Has(std::string_view flag) const;
  // The flag's value, or "" when it was not given.
  std::string Value(std::string_view flag) const;
  // The flag's value token, or nullptr when it was not given or takes no value.
  const Token* FlagToken(std::string_view flag) const;
};

// On success every kFlag token is one of `allowed`; a flag that takes a value
// consumed the token after it (a value that starts with -- must be quoted).
// On failure, kInvalidArgument: "unknown flag --x", "--x needs a value" (at the
// end, or followed by another flag), "--x given twice", "--x takes no value"
// (a boolean flag written --x=v).
core::Result<Args> ParseArgs(const std::vector<Token>& tokens,
                             const std::vector<FlagSpec>& allowed);

// The user id (Slack) or name (console) of a kUser token. Anything else fails
// with kInvalidArgument: expected a user, like @alice, got "x".
core::Result<std::string> UserArg(const Token& token);

// The URL of a kLink token, or of a quoted http(s):// URL. Anything else fails
// with kInvalidArgument: expected a link, like https://example.com/…, got "x".
core::Result<std::string> LinkArg(const Token& token);

}  // namespace srcbot::commands
