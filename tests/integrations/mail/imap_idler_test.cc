// IDLE against a real Dovecot (tests/fakes/dovecot_server.h): a message
// delivered while srcbot idles wakes it within seconds, not at the next
// poll; stopping while idle returns at once; a server that is down is an
// error, not a hang.
#include "integrations/mail/imap_idler.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/free_port.h"
#include "tests/integrations/mail/mail_samples.h"

using namespace srcbot;
using namespace srcbot::testing;
using Woken = mail::ImapIdler::Woken;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

std::unique_ptr<mail::ImapIdler> Idler(const std::string& url, const std::string& password) {
  mail::IdleOptions o;
  o.url = url + "/INBOX";
  o.folder = "INBOX";
  o.connection.user = DovecotServer::kUser;
  o.connection.password = password;
  o.connection.connect_timeout = milliseconds(2000);
  o.connection.timeout = std::chrono::seconds(10);
  auto opened = mail::ImapIdler::Open(o);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

double SecondsSince(steady_clock::time_point t) {
  return std::chrono::duration<double>(steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("imap idle: a delivered message wakes the waiter; stop is prompt",
          "[mail][imap][idle]") {
  DovecotServer server;
  core::Status started = server.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  auto idler = Idler(server.url(), DovecotServer::kPassword);
  std::atomic<bool> stop{false};

  // Nothing arrives: the wait ends at `max`, and the next one idles again.
  auto t = steady_clock::now();
  auto quiet = idler->Wait(milliseconds(500), stop);
  INFO(quiet.status().message());
  REQUIRE(quiet.ok());
  CHECK(quiet.value() == Woken::kTimedOut);
  CHECK(SecondsSince(t) < 5);

  // The poll interval would be 600 s: only IDLE can wake it this early.
  for (int round = 1; round <= 2; ++round) {
    INFO("round " << round);
    t = steady_clock::now();
    auto waited = std::async(std::launch::async, [&] { return idler->Wait(std::chrono::seconds(600), stop); });
    std::this_thread::sleep_for(milliseconds(500));
    server.Deliver(PlainReport("idle-" + std::to_string(round) + "@reporter.example", "Heap overflow"));
    REQUIRE(waited.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    auto woken = waited.get();
    INFO(woken.status().message());
    REQUIRE(woken.ok());
    CHECK(woken.value() == Woken::kNewMail);
    CHECK(SecondsSince(t) < 5);
  }

  // Stopping while idle: back within a slice or two, not at `max`.
  auto waited = std::async(std::launch::async, [&] { return idler->Wait(std::chrono::seconds(600), stop); });
  std::this_thread::sleep_for(milliseconds(500));
  t = steady_clock::now();
  stop = true;
  REQUIRE(waited.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  auto stopped = waited.get();
  REQUIRE(stopped.ok());
  CHECK(stopped.value() == Woken::kStopped);
  CHECK(SecondsSince(t) < 1);
}

TEST_CASE("imap idle: a refused login and a server that is down are errors",
          "[mail][imap][idle]") {
  DovecotServer server;
  REQUIRE(server.Start().ok());
  std::atomic<bool> stop{false};
  auto wrong = Idler(server.url(), "not-the-password");
  auto refused = wrong->Wait(milliseconds(500), stop);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == core::Code::kPermissionDenied);
  CHECK(refused.status().message().find("not-the-password") == std::string::npos);

  auto down = Idler("imap://127.0.0.1:" + std::to_string(FreeLoopbackPort()), DovecotServer::kPassword);
  auto t = steady_clock::now();
  auto failed = down->Wait(milliseconds(500), stop);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().code() == core::Code::kUnavailable);
  CHECK(SecondsSince(t) < 5);
}

namespace {

// The kernel's timer on our end of the connection to 127.0.0.1:`port`, from
// /proc/net/tcp's "tr" column (2: keepalive); -1 when no such connection.
int TimerOnConnectionTo(int port) {
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);  // the header
  char want[16];
  std::snprintf(want, sizeof want, "0100007F:%04X", port);
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer;
    fields >> slot >> local >> remote >> state >> queues >> timer;
    if (remote == want && state == "01") return std::stoi(timer.substr(0, 2), nullptr, 16);
  }
  return -1;
}

}  // namespace

TEST_CASE("imap idle: the kernel probes the idle connection (a vanished server is noticed)",
          "[mail][imap][idle]") {
  DovecotServer server;
  REQUIRE(server.Start().ok());
  auto idler = Idler(server.url(), DovecotServer::kPassword);
  std::atomic<bool> stop{false};
  auto waited =
      std::async(std::launch::async, [&] { return idler->Wait(std::chrono::seconds(600), stop); });
  int timer = -1;
  for (int i = 0; i < 50 && timer != 2; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    timer = TimerOnConnectionTo(server.port());
  }
  CHECK(timer == 2);  // keepalive: without it, no timer runs on a quiet connection
  stop = true;
  REQUIRE(waited.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
}
