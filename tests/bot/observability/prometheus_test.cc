#include "bot/observability/prometheus.h"

#include <limits>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/fakes/exposition_parser.h"

using namespace srcbot;
using testing::ParseExposition;

namespace {

bot::CounterFamily Calls() {
  return bot::CounterFamily(
      "test_calls_total", "Calls, by method and result.",
      {{"method", {"a.b", "c.d", "other"}, "other"}, {"result", {"ok", "error"}, "error"}});
}

}  // namespace

TEST_CASE("prometheus: a counter family renders every series from the start", "[metrics]") {
  bot::CounterFamily calls = Calls();
  std::string text;
  calls.Render(&text);
  CHECK(text ==
        "# HELP test_calls_total Calls, by method and result.\n"
        "# TYPE test_calls_total counter\n"
        "test_calls_total{method=\"a.b\",result=\"ok\"} 0\n"
        "test_calls_total{method=\"a.b\",result=\"error\"} 0\n"
        "test_calls_total{method=\"c.d\",result=\"ok\"} 0\n"
        "test_calls_total{method=\"c.d\",result=\"error\"} 0\n"
        "test_calls_total{method=\"other\",result=\"ok\"} 0\n"
        "test_calls_total{method=\"other\",result=\"error\"} 0\n");
  auto parsed = ParseExposition(text);
  CHECK(parsed.errors.empty());
  CHECK(parsed.families.at("test_calls_total").type == "counter");
  CHECK(parsed.samples.size() == 6);
}

TEST_CASE("prometheus: a value outside its label's set counts as the fallback", "[metrics]") {
  bot::CounterFamily calls = Calls();
  calls.Inc({"a.b", "ok"});
  calls.Inc({"a.b", "ok"}, 2);
  calls.Inc({"C0SECRET", "ok"});
  calls.Inc({"c.d", "bogus \"quoted\""});
  calls.Inc({"c.d"});  // a missing value is the fallback too
  CHECK(calls.Value({"a.b", "ok"}) == 3);
  CHECK(calls.Value({"other", "ok"}) == 1);
  CHECK(calls.Value({"c.d", "error"}) == 2);
  std::string text;
  calls.Render(&text);
  CHECK(text.find("C0SECRET") == std::string::npos);
  CHECK(text.find("bogus") == std::string::npos);
  auto parsed = ParseExposition(text);
  CHECK(parsed.errors.empty());
  CHECK(parsed.samples.size() == 6);
  CHECK(parsed.Value("test_calls_total", {{"method", "other"}, {"result", "ok"}}) == 1);
}

TEST_CASE("prometheus: a family without labels is one plain counter", "[metrics]") {
  bot::CounterFamily reconnects("test_reconnects_total", "Reconnects.", {});
  reconnects.Inc({});
  reconnects.Inc({}, 4);
  std::string text;
  reconnects.Render(&text);
  CHECK(text ==
        "# HELP test_reconnects_total Reconnects.\n"
        "# TYPE test_reconnects_total counter\n"
        "test_reconnects_total 5\n");
}

TEST_CASE("prometheus: a histogram renders cumulative buckets, sum and count", "[metrics]") {
  bot::Histogram h("test_seconds", "Durations.", {0.125, 1, 0.5});  // sorted here
  h.Observe(0.0625);
  h.Observe(0.125);  // le is "less or equal": the 0.125 bucket
  h.Observe(0.75);
  h.Observe(30);
  std::string text;
  h.Render(&text);
  CHECK(text ==
        "# HELP test_seconds Durations.\n"
        "# TYPE test_seconds histogram\n"
        "test_seconds_bucket{le=\"0.125\"} 2\n"
        "test_seconds_bucket{le=\"0.5\"} 2\n"
        "test_seconds_bucket{le=\"1\"} 3\n"
        "test_seconds_bucket{le=\"+Inf\"} 4\n"
        "test_seconds_sum 30.9375\n"
        "test_seconds_count 4\n");
  auto parsed = ParseExposition(text);
  INFO(Catch::Detail::stringify(parsed.errors));
  CHECK(parsed.errors.empty());
  CHECK(parsed.Value("test_seconds_bucket", {{"le", "+Inf"}}) == 4);
}

TEST_CASE("prometheus: numbers, label values and help are written as the format says",
          "[metrics]") {
  CHECK(bot::FormatSampleValue(0) == "0");
  CHECK(bot::FormatSampleValue(0.005) == "0.005");
  CHECK(bot::FormatSampleValue(12345678) == "12345678");
  CHECK(bot::FormatSampleValue(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(bot::FormatSampleValue(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(bot::FormatSampleValue(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(bot::EscapeLabelValue("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
  bot::CounterFamily odd("test_odd_total", "Back\\slash and\nnewline.",
                         {{"kind", {"a\"b", "c\\d", "e\nf"}, "a\"b"}});
  std::string text;
  odd.Render(&text);
  CHECK(text.find("# HELP test_odd_total Back\\\\slash and\\nnewline.\n") == 0);
  auto parsed = ParseExposition(text);
  CHECK(parsed.errors.empty());
  CHECK(parsed.Value("test_odd_total", {{"kind", "e\nf"}}) == 0);
  CHECK(parsed.Value("test_odd_total", {{"kind", "c\\d"}}) == 0);
}

TEST_CASE("prometheus: the parser refuses what the format forbids", "[metrics]") {
  CHECK_FALSE(ParseExposition("x 1\n").errors.empty());  // no TYPE
  CHECK_FALSE(ParseExposition("# TYPE x counter\nx{a=1} 1\n").errors.empty());
  CHECK_FALSE(ParseExposition("# TYPE x counter\nx{a=\"\\t\"} 1\n").errors.empty());
  CHECK_FALSE(ParseExposition("# TYPE x counter\nx one\n").errors.empty());
  CHECK_FALSE(ParseExposition("# TYPE x counter\nx 1\nx 2\n").errors.empty());
  CHECK_FALSE(ParseExposition("# TYPE x counter\n# TYPE y counter\nx 1\ny 1\nx{a=\"b\"} 1\n")
                  .errors.empty());
  CHECK_FALSE(ParseExposition("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                              "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n")
                  .errors.empty());
  CHECK(ParseExposition("# TYPE x counter\nx 1\n").errors.empty());
}

TEST_CASE("prometheus: counting from many threads loses nothing", "[metrics]") {
  bot::CounterFamily calls = Calls();
  bot::Histogram h("test_seconds", "Durations.", {1});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10'000; ++i) {
        calls.Inc({"a.b", "ok"});
        h.Observe(0.5);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(calls.Value({"a.b", "ok"}) == 40'000);
  CHECK(h.Read().count == 40'000);
  CHECK(h.Read().cumulative.front() == 40'000);
}
