#pragma once
// A timeline event: one append-only line of a case's history.

#include <string>

#include "core/case.h"
#include "core/time.h"

namespace srcbot::core {

struct Event {
  CaseId case_id = 0;
  TimePoint at{};
  UserId actor;
  std::string channel;  // where the command was typed; empty for the bot itself
  std::string kind;     // short machine word: "reported", "acknowledged", "team-added", …
  std::string text;     // what happened, for people
};

}  // namespace srcbot::core
