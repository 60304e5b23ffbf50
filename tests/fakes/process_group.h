#pragma once
// A server a test starts in its own process group, so that stopping it also
// stops every process it forked (Dovecot's login, auth and imap processes).

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace srcbot::testing {

class ProcessGroup {
 public:
  ProcessGroup() = default;
  ~ProcessGroup();  // Stop()
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  // Starts `argv` (argv[0] a path) with the test's environment, stdout and
  // stderr to `output_file`. False when fork or exec failed.
  bool Start(const std::vector<std::string>& argv, const std::string& output_file);
  // SIGTERM to the group, then SIGKILL after `grace`; reaps the leader.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));
  // True while the leader has not exited.
  bool Running() const;
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  std::string output_file_;
};

// Waits until 127.0.0.1:`port` accepts a connection and sends a line that
// starts with `greeting` ("* OK", "220"), or `timeout` passes.
bool WaitForGreeting(int port, const std::string& greeting, std::chrono::milliseconds timeout);

// Waits until 127.0.0.1:`port` accepts a connection, or `timeout` passes: for
// a server that speaks TLS first, whose greeting a plain read cannot see.
bool WaitForListener(int port, std::chrono::milliseconds timeout);

}  // namespace srcbot::testing
