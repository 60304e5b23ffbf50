#include "core/time.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

TEST_CASE("time: ISO-8601 forms a reporter's e-mail date comes in") {
  auto base = ParseIsoTime("2026-11-20T09:30:00Z");
  REQUIRE(base);
  CHECK(FormatIso(*base) == "2026-11-20T09:30:00Z");
  CHECK(ParseIsoTime("2026-11-20T09:30Z") == base);
  CHECK(ParseIsoTime("2026-11-20 09:30") == base);
  CHECK(ParseIsoTime("2026-11-20T10:30:00+01:00") == base);
  CHECK(ParseIsoTime("2026-11-20T04:30:00-05:00") == base);
  CHECK(ParseIsoTime("2026-11-20T09:30:00.123Z") == base);
  CHECK(FormatIso(*ParseIsoTime("2026-11-20")) == "2026-11-20T00:00:00Z");
}

TEST_CASE("time: malformed and impossible times are refused") {
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-02-30", "2026-11-20T25:00Z",
                          "2026-11-20T09:30Q", "2026-11-20T09", "20261120", "2026-11-20T09:30:00+1"}) {
    INFO(bad);
    CHECK_FALSE(ParseIsoTime(bad));
  }
}

TEST_CASE("time: durations and human formats") {
  using namespace std::chrono;
  CHECK(FormatDuration(hours(50)) == "2d 2h");
  CHECK(FormatDuration(minutes(125)) == "2h 5m");
  CHECK(FormatDuration(minutes(-45)) == "45m");
  CHECK(FormatHuman(*ParseIsoTime("2026-11-20T09:30Z")) == "2026-11-20 09:30 UTC");
}
