#pragma once
// Runs the built srcbot binary the way a newcomer would, for end-to-end tests.

#include <string>

#include "tests/fakes/temp_dir.h"

namespace srcbot::testing {

struct ProcessResult {
  int exit_status = -1;  // the process's exit status, or -1 when it did not exit normally
  std::string output;    // stdout and stderr together
};

// Runs `srcbot <args> --db <dir>/srcbot.db` in an empty environment (no Slack
// credentials) with `input` on standard input.
ProcessResult RunSrcbot(const TempDir& dir, const std::string& args, const std::string& input);

}  // namespace srcbot::testing
