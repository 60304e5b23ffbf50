#include "bot/runtime/backoff.h"

#include <catch2/catch.hpp>

using namespace srcbot;
using std::chrono::milliseconds;

TEST_CASE("backoff: doubles from base up to max, and Reset starts over", "[slack]") {
  bot::Backoff backoff(milliseconds(100), milliseconds(1000), {});
  std::vector<milliseconds> seen;
  for (int i = 0; i < 6; ++i) seen.push_back(backoff.Next());
  CHECK(seen == std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(400),
                                          milliseconds(800), milliseconds(1000),
                                          milliseconds(1000)});
  backoff.Reset();
  CHECK(backoff.Next() == milliseconds(100));
}

TEST_CASE("backoff: equal jitter keeps between half and all of the delay", "[slack]") {
  double r = 0.0;
  bot::Backoff backoff(milliseconds(1000), milliseconds(60'000), [&] { return r; });
  CHECK(backoff.Next() == milliseconds(500));
  r = 0.5;
  CHECK(backoff.Next() == milliseconds(1500));
  r = 0.999999;
  CHECK(backoff.Next() == milliseconds(3999));
  r = 7.0;  // a broken source is clamped
  CHECK(backoff.Next() == milliseconds(8000));
}

TEST_CASE("backoff: many tries stay at max without overflow", "[slack]") {
  bot::Backoff backoff(milliseconds(1), milliseconds(60'000), {});
  milliseconds last{0};
  for (int i = 0; i < 200; ++i) last = backoff.Next();
  CHECK(last == milliseconds(60'000));
}

TEST_CASE("backoff: the real random source stays between 0 and 1", "[slack]") {
  bot::RandomSource random = bot::RealRandom();
  for (int i = 0; i < 1000; ++i) {
    double r = random();
    CHECK((r >= 0.0 && r < 1.0));
  }
}
