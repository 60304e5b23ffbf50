// Hostile clients against the real binary in http mode (issue 10, item 5):
// slow clients and thousands of idle connections. The bot stays up, keeps
// answering well-formed signed requests meanwhile and afterwards, drops the
// hostile connections at its request timeout, and nothing it holds (cases,
// timeline, posts to Slack) changes. Hostile bodies are in hostile_body_test.cc.
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/scenario/hostile_support.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST_CASE("hostile: slow clients are dropped at the request timeout; others answered meanwhile",
          "[scenario][hostile]") {
  Scenario s("http");
  s.extra_args = {"--http-request-timeout", "1"};
  REQUIRE(s.StartBot());
  Baseline baseline(s);

  // 100 slowloris connections: a byte of headers every 100 ms, round robin,
  // for 2 s, twice the request timeout.
  std::vector<int> slow;
  for (int i = 0; i < 100; ++i) slow.push_back(Connect(s.http_port(), 2000ms));
  REQUIRE(std::count(slow.begin(), slow.end(), -1) == 0);
  const std::string head =
      "POST /slack/commands HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(1000, 'a');
  std::atomic<int> cut_off{0};
  std::thread trickle([&] {
    std::vector<bool> open(slow.size(), true);
    const auto start = Clock::now();
    for (std::size_t at = 0; Clock::now() - start < 2s; ++at) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        if (open[i] && ::send(slow[i], &head[at], 1, MSG_NOSIGNAL) != 1) {
          open[i] = false;
          ++cut_off;
        }
      }
      std::this_thread::sleep_for(100ms);
    }
  });
  std::chrono::milliseconds slowest{0};
  for (int i = 0; i < 5; ++i) {
    slowest = std::max(slowest, TimedCommand(s));
    std::this_thread::sleep_for(150ms);
  }
  trickle.join();
  CHECK(slowest < 1s);
  int closed = cut_off;
  for (int fd : slow) {
    // Those not yet seen failing must be closed by now (EOF at once).
    timeval tv{0, 200'000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }
  if (closed < 100) {
    closed = 0;
    for (int fd : slow) closed += ClosedByServer(fd) ? 1 : 0;
  }
  CHECK(closed == 100);
  for (int fd : slow) ::close(fd);
  baseline.CheckUnchanged();
}

TEST_CASE("hostile: 2,000 idle connections; others answered, memory bounded, idle ones reaped",
          "[scenario][hostile]") {
  rlimit ours{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &ours) == 0);
  if (ours.rlim_max != RLIM_INFINITY && ours.rlim_max < 4096) {
    WARN("hard open-file limit " << ours.rlim_max << " is below 4096: skipped");
    return;
  }
  Scenario s("http");
  s.extra_args = {"--http-request-timeout", "1"};
  // srcbot starts with the soft limit a systemd service gets (1024) and must
  // raise it itself; this process needs its own back for 2,000 sockets.
  rlimit low = ours;
  low.rlim_cur = 1024;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
  const bool started = s.StartBot();
  rlimit wide = ours;
  if (wide.rlim_cur != RLIM_INFINITY && wide.rlim_cur < 4096) wide.rlim_cur = 4096;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &wide) == 0);
  REQUIRE(started);
  CHECK_THAT(s.BotOutput(), Catch::Contains("\"max_connections\":4096"));
  Baseline baseline(s);
  const long rss_before = RssKiB(s.bot_pid());

  std::vector<int> idle;
  for (int i = 0; i < 2000; ++i) {
    int fd = Connect(s.http_port(), 2000ms);
    if (fd < 0) break;
    idle.push_back(fd);
  }
  CHECK(idle.size() == 2000);
  std::chrono::milliseconds slowest{0};
  for (int i = 0; i < 3; ++i) slowest = std::max(slowest, TimedCommand(s));
  CHECK(slowest < 1s);
  CHECK(RssKiB(s.bot_pid()) - rss_before < 32 * 1024);
  // The request timeout reaps idle connections too.
  std::this_thread::sleep_for(1200ms);
  int reaped = 0;
  for (std::size_t i = 0; i < idle.size(); i += 100) reaped += ClosedByServer(idle[i]) ? 1 : 0;
  CHECK(reaped == static_cast<int>((idle.size() + 99) / 100));
  for (int fd : idle) ::close(fd);
  baseline.CheckUnchanged();
  setrlimit(RLIMIT_NOFILE, &ours);
}
