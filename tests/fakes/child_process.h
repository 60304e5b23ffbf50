#pragma once
// The real srcbot binary running in the background during a scenario test:
// started with its own arguments and environment, its output collected in a
// file, waited for, signalled and reaped.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace srcbot::testing {

// Forks and execs `argv` (argv[0] a path): stdout and stderr appended to
// `output_file`, stdin from /dev/null, no signal blocked. `env`: exactly these
// NAME=value entries, or nullptr for the test's own environment. `own_group`:
// the child leads a process group of its own (so the group can be stopped).
// The child's pid, or -1 when fork failed.
pid_t Spawn(const std::vector<std::string>& argv, const std::vector<std::string>* env,
            const std::string& output_file, bool own_group);

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();  // SIGKILL and reap if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts `argv[0]` with `argv` and exactly `env` (NAME=value). stdout and
  // stderr go to `output_file`. Returns false when fork/exec failed.
  bool Start(const std::vector<std::string>& argv, const std::vector<std::string>& env,
             const std::string& output_file);
  // Waits until the output contains `text`, the process exits, or `timeout` passes.
  bool WaitForOutput(const std::string& text, std::chrono::milliseconds timeout) const;
  std::string Output() const;
  void Signal(int signal) const;
  // Waits for the process to exit (at most `timeout`); its exit status, or -1
  // when it was killed by a signal or did not exit in time.
  int Wait(std::chrono::milliseconds timeout);
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string output_file_;
};

}  // namespace srcbot::testing
