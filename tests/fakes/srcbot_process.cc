#include "tests/fakes/srcbot_process.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

namespace srcbot::testing {

namespace fs = std::filesystem;

ProcessResult RunSrcbot(const TempDir& dir, const std::string& args, const std::string& input) {
  fs::path in = dir.path() / "stdin.txt";
  std::ofstream(in) << input;
  std::string cmd = "env -i PATH=/usr/bin:/bin " + std::string(SRCBOT_BINARY) + " " + args + " --db '" +
                    (dir.path() / "srcbot.db").string() + "' < '" + in.string() + "' 2>&1";
  ProcessResult result;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = pclose(pipe);
  if (status != -1 && WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  return result;
}

}  // namespace srcbot::testing
