#pragma once
// Tokens as the tokenizer makes them, one builder a kind, for expected values.

#include <string>
#include <utility>

#include "commands/tokenizer.h"

namespace srcbot::commands::testing {

inline Token Word(std::string v) { return {TokenKind::kWord, std::move(v), ""}; }
inline Token Quoted(std::string v) { return {TokenKind::kQuoted, std::move(v), ""}; }
inline Token User(std::string v, std::string l = "") {
  return {TokenKind::kUser, std::move(v), std::move(l)};
}
inline Token Channel(std::string v, std::string l = "") {
  return {TokenKind::kChannel, std::move(v), std::move(l)};
}
inline Token Link(std::string v, std::string l = "") {
  return {TokenKind::kLink, std::move(v), std::move(l)};
}
inline Token Flag(std::string v) { return {TokenKind::kFlag, std::move(v), ""}; }
// A flag written --name=value: the value follows as its own token.
inline Token FlagEq(std::string v) {
  return {TokenKind::kFlag, std::move(v), std::string(kAttachedValue)};
}

}  // namespace srcbot::commands::testing
