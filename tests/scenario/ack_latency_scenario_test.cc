// Records ack latency over a few hundred commands in each mode. It asserts
// only Slack's hard limit (3 s); the figures are printed for the record
// (run `srcbot_tests "[latency]" -s`), never compared with a target here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

namespace {

void Measure(const std::string& mode) {
  Scenario s(mode);
  REQUIRE(s.StartBot());
  s.Command("report \"Latency probe\"");
  std::vector<double> ms;
  for (int i = 0; i < 300; ++i) {
    auto start = std::chrono::steady_clock::now();
    std::string text = s.Command(i % 2 == 0 ? "show SRC-1" : "lead SRC-1 @U0BOB");
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    REQUIRE(text.find("<") != 0);  // an answer, not a transport failure
  }
  std::sort(ms.begin(), ms.end());
  double p50 = ms[ms.size() / 2], p99 = ms[ms.size() * 99 / 100];
  std::cout << "ack latency (" << mode << ", " << ms.size() << " commands): p50 " << p50
            << " ms, p99 " << p99 << " ms, max " << ms.back() << " ms\n";
  CHECK(ms.back() < 3000);
}

}  // namespace

TEST_CASE("scenario: ack latency in HTTP mode", "[scenario][latency]") { Measure("http"); }
TEST_CASE("scenario: ack latency in Socket Mode", "[scenario][latency]") { Measure("socket"); }
