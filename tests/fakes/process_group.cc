#include "tests/fakes/process_group.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "tests/fakes/child_process.h"
#include "tests/fakes/loopback_socket.h"

namespace srcbot::testing {

ProcessGroup::~ProcessGroup() { Stop(); }

bool ProcessGroup::Start(const std::vector<std::string>& argv, const std::string& output_file) {
  output_file_ = output_file;
  pid_ = Spawn(argv, nullptr, output_file, true);
  return pid_ > 0;
}

bool ProcessGroup::Running() const {
  if (pid_ <= 0) return false;
  siginfo_t info{};
  return !(waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_);
}

void ProcessGroup::Stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The leader may be gone while children it forked linger: the group goes too.
  kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string ProcessGroup::Output() const {
  std::ifstream in(output_file_);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool WaitForGreeting(int port, const std::string& greeting, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int fd = ConnectLoopback(port, std::chrono::milliseconds(2000));
    bool ok = false;
    if (fd >= 0) {
      pollfd p{fd, POLLIN, 0};
      char buf[256] = {};
      if (::poll(&p, 1, 2000) == 1) {
        ssize_t n = ::read(fd, buf, sizeof buf - 1);
        ok = n > 0 && std::string(buf, static_cast<std::size_t>(n)).starts_with(greeting);
      }
    }
    if (fd >= 0) ::close(fd);
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool WaitForListener(int port, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int fd = ConnectLoopback(port, std::chrono::milliseconds(2000));
    if (fd >= 0) {
      ::close(fd);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace srcbot::testing
