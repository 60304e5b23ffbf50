// SIGTERM: srcbot stops taking commands, lets what it acknowledged go out
// within a bounded time, and exits; a second signal exits at once; nothing
// committed is lost either way.
#include <catch2/catch.hpp>
#include <signal.h>

#include <chrono>
#include <thread>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST_CASE("shutdown: what was acknowledged goes out before the exit", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  s.slack().SetDelay("chat.postMessage", milliseconds(1500));
  s.Command("report \"Acknowledged just before the signal\"");
  s.SignalBot(SIGTERM);
  CHECK(s.WaitBot(milliseconds(10'000)) == 0);
  CHECK(s.CountPosts("New report SRC-1: Acknowledged just before the signal") == 1);
}

TEST_CASE("shutdown: with Slack down it stops within its budget, and posts after the restart",
          "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  s.slack().FailNext("chat.postMessage", 1000);
  s.Command("report \"Waiting for Slack\"");
  auto start = steady_clock::now();
  s.SignalBot(SIGTERM);
  CHECK(s.WaitBot(milliseconds(20'000)) == 0);
  // The 5 s budget, plus the Slack call in flight finishing its retries.
  CHECK(steady_clock::now() - start < milliseconds(12'000));
  CHECK(s.CountPosts("Waiting for Slack") == 0);

  s.slack().FailNext("chat.postMessage", 0);
  REQUIRE(s.StartBot());
  CHECK(s.WaitForPost(kSrcChannel, "New report SRC-1: Waiting for Slack"));
}

TEST_CASE("shutdown: a second signal does not wait for the outbox", "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  s.slack().FailNext("chat.postMessage", 1000);
  s.Command("report \"Still pending\"");
  s.SignalBot(SIGTERM);
  std::this_thread::sleep_for(milliseconds(300));
  auto second = steady_clock::now();
  s.SignalBot(SIGTERM);
  CHECK(s.WaitBot(milliseconds(10'000)) == 0);
  CHECK(steady_clock::now() - second < milliseconds(3'000));
}
