#include "tests/scenario/hostile_support.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <fstream>

#include "tests/fakes/loopback_socket.h"

namespace srcbot::testing {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

int Connect(int port, std::chrono::milliseconds wait) { return ConnectLoopback(port, wait); }

bool SendAll(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

int ReadStatus(int fd) {
  std::string got;
  char buf[1024];
  ssize_t n;
  while (got.find("\r\n") == std::string::npos && (n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
    got.append(buf, static_cast<std::size_t>(n));
  }
  if (got.rfind("HTTP/1.1 ", 0) != 0 || got.size() < 12) return 0;
  return std::stoi(got.substr(9, 3));
}

int RawStatus(int port, const std::string& bytes) {
  int fd = Connect(port);
  int status = fd >= 0 && SendAll(fd, bytes) ? ReadStatus(fd) : 0;
  if (fd >= 0) ::close(fd);
  return status;
}

bool ClosedByServer(int fd) {
  char buf[1024];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
}

long RssKiB(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

std::string CommandBody(const std::string& text, const std::string& user) {
  return Scenario::FormBody({{"team_id", "T0"},
                             {"channel_id", kSrcChannel},
                             {"user_id", user},
                             {"command", "/src"},
                             {"text", text},
                             {"api_app_id", "A0SRC"}});
}

int SignedPost(Scenario& s, const std::string& path, const std::string& body,
               const std::string& type, std::string* answer) {
  auto r = s.Post(path, body, Scenario::Signed(body, std::time(nullptr), type));
  if (!r.ok()) return 0;
  if (answer != nullptr) *answer = r.value().body;
  return r.value().status;
}

Baseline::Baseline(Scenario& s) : s(s) {
  s.Command("report \"Baseline\"");
  REQUIRE(s.WaitForPost(kSrcChannel, "Baseline"));
  state = State();
}

std::string Baseline::State() {
  return Ask("timeline SRC-1") + "\n" + Ask("show SRC-2") + "\nposts " +
         std::to_string(s.slack().Messages().size());
}

std::string Baseline::Ask(const std::string& text) {
  std::string answer;
  for (int i = 0; i < 4; ++i) {
    answer = s.Command(text);
    if (answer.rfind("<no response", 0) != 0) break;
  }
  return answer;
}

void Baseline::CheckUnchanged() {
  const auto start = Clock::now();
  CHECK(State() == state);
  CHECK(Clock::now() - start < 2s);
}

std::chrono::milliseconds TimedCommand(Scenario& s) {
  const auto start = Clock::now();
  std::string answer = s.Command("list");
  if (answer.find("SRC-1") == std::string::npos) return 10s;
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace srcbot::testing
