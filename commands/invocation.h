#pragma once
// A `/src` command as it arrives from any transport, and the reply it gets.

#include <string>
#include <vector>

#include "core/case.h"

namespace srcbot::commands {

struct Invocation {
  core::UserId user;
  std::string channel;  // channel id where it was typed
  std::string text;     // everything after "/src"
};

// The ephemeral answer to the person who typed the command. It leaves the
// process only through the embargo guard: when `about` is not empty and the
// destination does not qualify, `fallback` (which must name no case detail) is
// shown instead, or the guard's refusal when `fallback` is empty.
struct Reply {
  std::string text;
  std::vector<core::CaseId> about;
  std::string fallback;
};

}  // namespace srcbot::commands
