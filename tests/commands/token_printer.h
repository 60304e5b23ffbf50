#pragma once
// Prints tokens in Catch failure messages, e.g. user("U1", "alice").

#include <catch2/catch.hpp>
#include <string>

#include "commands/tokenizer.h"

namespace Catch {
template <>
struct StringMaker<srcbot::commands::Token> {
  static std::string convert(const srcbot::commands::Token& t) {
    static const char* const kKinds[] = {"word", "quoted", "user", "channel", "link", "flag"};
    return std::string(kKinds[static_cast<int>(t.kind)]) + "(\"" + t.value + "\", \"" + t.label +
           "\")";
  }
};
}  // namespace Catch
