#pragma once
// Tokenizer: splits the text of a `/src` command into tokens, as Slack sends it
// (mentions and links escaped as <@U1|name>, <#C1|name>, <https://…|label>;
// &, < and > typed by a person sent as &amp; &lt; &gt;) or as typed in the
// console (@alice, #general, bare links). The grammar, for people, is in
// docs/grammar.md. Pure: no I/O, never throws.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace srcbot::commands {

enum class TokenKind {
  kWord,     // text without whitespace
  kQuoted,   // "…" or “…”: text that may hold whitespace; may be empty
  kUser,     // <@U123|name> or @alice: value is the Slack id or console name
  kChannel,  // <#C123|name> or #general: value is the channel id or name
  kLink,     // <https://…|label>, <mailto:…>, or a bare http(s):// word: value is the url
  kFlag,     // --name: value is the name without the dashes
};

// value and label are plain text: entities are decoded, no Slack escape remains.
// label is Slack's display text for kUser, kChannel and kLink ("" when absent);
// for kFlag it is kAttachedValue when the flag was written --name=value, and
// then the next token is that value.
struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string value;
  std::string label;

  bool operator==(const Token&) const = default;
};

inline constexpr std::string_view kAttachedValue = "=";

// On success: the tokens in the order typed; empty or blank text gives none.
// Splits on ASCII whitespace and U+00A0. A token is one of:
//   "…" / “…”        kQuoted; \" and \\ are escapes, any other \ is text.
//   <…>              a Slack escape standing alone: kUser, kChannel or kLink.
//   --name, --name=v kFlag (macOS smart dashes — and – count as --); with =v the
//                    value follows as its own token and may be quoted.
//   @name, #name     kUser, kChannel (names of letters, digits, . _ -).
//   http(s)://…      kLink.
//   anything else    kWord.
// Slack escapes inside quotes or glued to other text are replaced by their
// display text (TokenText), so "found by <@U1|bob>" reads "found by @bob".
// On failure, kInvalidArgument with a one-line message meant for the user:
// unterminated quote or <, text glued to a closing quote, special mentions
// (<!here>, <!channel>, <!subteam^…>), a lone --, a malformed --flag, --name=
// with no value, or a <…> outside quotes that is not a Slack escape.
core::Result<std::vector<Token>> Tokenize(std::string_view text);

// The text a token stands for, as the person saw it: kWord/kQuoted → value;
// kUser → "@" + (label or value); kChannel → "#" + (label or value);
// kLink → label or url (Slack auto-links typed domains as <http://x.dev|x.dev>,
// so the label is what was typed); kFlag → "--" + name. Used for titles and
// free-text flag values.
std::string TokenText(const Token& token);

}  // namespace srcbot::commands
