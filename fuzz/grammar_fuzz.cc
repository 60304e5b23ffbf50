// The /src grammar: the input is the text of one command as Slack or the
// console sends it. Tokenize, then parse the arguments with every verb's flags
// and read each token as a user and a link, as the verbs do.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "commands/args.h"
#include "commands/tokenizer.h"
#include "commands/verb_table.h"

using namespace srcbot::commands;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tokens = Tokenize(text);
  if (!tokens.ok()) return 0;
  for (const Token& token : tokens.value()) {
    // The contract: a flag always has a name; an attached value follows it.
    if (token.kind == TokenKind::kFlag && token.value.empty()) std::abort();
    (void)TokenText(token);
    (void)UserArg(token);
    (void)LinkArg(token);
  }
  for (const Verb& verb : Verbs()) {
    auto args = ParseArgs(tokens.value(), verb.flags);
    if (!args.ok()) continue;
    for (const FlagSpec& flag : verb.flags) {
      (void)args.value().Value(flag.name);
      if (const Token* value = args.value().FlagToken(flag.name)) (void)TokenText(*value);
    }
  }
  return 0;
}
