// The mail intake under load (issue 18's benchmark): 1,000 reports queued
// in a real Dovecot on loopback, ingested by the real binary at
// --mail-poll-seconds 1: messages per second, CPU per message (the
// process's user + system time), and then the time from a message's
// delivery to its post in #src. A measurement, not a test.
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// User + system CPU seconds of process `pid` so far (/proc/<pid>/stat).
double CpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string f;
  long utime = 0, stime = 0;
  for (int i = 3; fields >> f; ++i) {
    if (i == 14) utime = std::stol(f);
    if (i == 15) {
      stime = std::stol(f);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1000;
  DovecotServer dovecot;
  if (!dovecot.Start().ok()) return std::fprintf(stderr, "dovecot did not start\n"), 1;
  TempDir dir;
  std::ofstream(dir.File("password")) << DovecotServer::kPassword << "\n";
  for (int i = 0; i < count; ++i) {
    dovecot.Deliver(PlainReport("bench-" + std::to_string(i) + "@reporter.example",
                                "Queued report " + std::to_string(i)));
  }
  Scenario s("http");
  s.extra_args = {"--mail-imap-url", dovecot.url() + "/INBOX", "--mail-user",
                  DovecotServer::kUser, "--mail-password-file", dir.File("password"),
                  "--mail-poll-seconds", "1"};
  const Clock::time_point start = Clock::now();
  if (!s.StartBot()) return std::fprintf(stderr, "srcbot did not start\n"), 1;
  const double cpu_at_start = CpuSeconds(s.bot_pid());
  while (dovecot.CountMessages("srcbot/processed") < count &&
         Clock::now() - start < std::chrono::minutes(10)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const double elapsed = Seconds(Clock::now() - start);
  const int done = dovecot.CountMessages("srcbot/processed");
  const double cpu = CpuSeconds(s.bot_pid()) - cpu_at_start;
  std::printf("ingest: %d of %d queued messages in %.1f s: %.0f messages/s, %.2f ms CPU each\n",
              done, count, elapsed, done / elapsed, 1000.0 * cpu / std::max(done, 1));

  // A bot of its own for the latency: the 1,000 #src posts above are still
  // draining at Slack's one post a second per channel.
  s.KillBot(SIGTERM);
  DovecotServer quiet;
  if (!quiet.Start().ok()) return std::fprintf(stderr, "dovecot did not start\n"), 1;
  Scenario fresh("http");
  fresh.extra_args = {"--mail-imap-url", quiet.url() + "/INBOX", "--mail-user",
                      DovecotServer::kUser, "--mail-password-file", dir.File("password"),
                      "--mail-poll-seconds", "1"};
  if (!fresh.StartBot()) return std::fprintf(stderr, "srcbot did not start\n"), 1;
  std::vector<double> latencies;
  for (int i = 0; i < 10; ++i) {
    const std::string title = "Fresh report " + std::to_string(i);
    const Clock::time_point sent = Clock::now();
    quiet.Deliver(PlainReport("fresh-" + std::to_string(i) + "@reporter.example", title));
    if (fresh.WaitForPost(kSrcChannel, title, std::chrono::seconds(30))) {
      latencies.push_back(Seconds(Clock::now() - sent));
    }
  }
  std::sort(latencies.begin(), latencies.end());
  if (latencies.empty()) return std::printf("arrival to #src post: none arrived\n"), 1;
  std::printf("arrival to #src post at --mail-poll-seconds 1: %zu runs, min %.2f s, median "
              "%.2f s, max %.2f s\n",
              latencies.size(), latencies.front(), latencies[latencies.size() / 2],
              latencies.back());
  return 0;
}
