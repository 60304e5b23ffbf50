// How long the SRC waits when Slack's connection dies without a word
// (issue 20's target: answered again within 45 s). Runs the real binary with
// its default timeouts against the loopback fake Slack, kills the
// connection in each way the fake knows, and times a command sent into the
// dead connection until its ack (Slack redelivers it on the new one).
// A measurement, not a test: it prints numbers and never fails on them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// One run: the bot up, a case to show, the connection killed by `kill`,
// then `show` every 2 s, as an SRC member retrying would, until one is
// answered. Negative when none was within 90 s.
double Recovery(const std::function<bool(FakeSocketServer&)>& kill) {
  Scenario s("socket");
  if (!s.StartBot()) return -1;
  s.Command("report \"Recovery bench\"");
  if (!kill(s.slack().socket())) return -1;
  s.set_ack_wait(std::chrono::seconds(2));
  const Clock::time_point start = Clock::now();
  while (Clock::now() - start < std::chrono::seconds(90)) {
    if (s.Command("show SRC-1").find("Recovery bench") != std::string::npos) {
      return Seconds(Clock::now() - start);
    }
  }
  return -1;
}

void Report(const char* what, std::vector<double> runs) {
  std::sort(runs.begin(), runs.end());
  std::printf("%-32s runs %zu  min %.1f s  median %.1f s  max %.1f s%s\n", what, runs.size(),
              runs.front(), runs[runs.size() / 2], runs.back(),
              runs.front() < 0 ? "  (a run never answered)" : "");
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  struct Way {
    const char* name;
    std::function<bool(FakeSocketServer&)> kill;
  };
  const std::vector<Way> ways = {
      {"silent (no pings, no pongs)", [](FakeSocketServer& f) { return f.Silence(); }},
      {"stalled mid-frame", [](FakeSocketServer& f) { return f.StallMidFrame(); }},
      {"half-closed (FIN)", [](FakeSocketServer& f) { return f.HalfClose(); }},
  };
  std::printf("Socket Mode recovery, srcbot defaults (ping 5 s, pong 10 s, watchdog 30 s)\n");
  for (const Way& way : ways) {
    std::vector<double> runs;
    for (int i = 0; i < n; ++i) runs.push_back(Recovery(way.kill));
    Report(way.name, runs);
  }
  return 0;
}
