#include "bot/observability/log.h"

#include <sstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using namespace srcbot;
using Json = nlohmann::json;

namespace {

std::vector<Json> Lines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
  return out;
}

std::chrono::system_clock::time_point At(long long millis) {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(millis));
}

}  // namespace

TEST_CASE("log: a line is one JSON object with the fixed keys first", "[log]") {
  // 2026-11-25T15:09:00.123Z
  std::string line = bot::FormatLogLine(At(1'795'619'340'123), bot::LogLevel::kWarn, "delivery",
                                        "delivery pass failed", {{"failed", 2}, {"case_id", 7}});
  CHECK(line == R"({"time":"2026-11-25T15:09:00.123Z","level":"warn","component":"delivery",)"
                R"("message":"delivery pass failed","case_id":7,"failed":2})");
  CHECK(line.find('\n') == std::string::npos);
}

TEST_CASE("log: values are escaped by the JSON library, whatever they hold", "[log]") {
  std::string nasty = "quote \" backslash \\ newline \n tab \t nul ";
  nasty += '\0';
  nasty += " bad utf-8 \xff\xfe end";
  std::string line =
      bot::FormatLogLine(At(0), bot::LogLevel::kError, "http\n", nasty, {{"request_id", nasty}});
  CHECK(line.find('\n') == std::string::npos);
  Json parsed = Json::parse(line);
  CHECK(parsed["time"] == "1970-01-01T00:00:00.000Z");
  CHECK(parsed["component"] == "http\n");
  CHECK(parsed["message"].get<std::string>().starts_with("quote \" backslash \\ newline \n"));
  CHECK(parsed["message"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("log: fields cannot overwrite the fixed keys", "[log]") {
  Json parsed = Json::parse(bot::FormatLogLine(
      At(0), bot::LogLevel::kInfo, "serve", "ready",
      {{"time", "forged"}, {"level", "error"}, {"component", "x"}, {"message", "y"}, {"z", 1}}));
  CHECK(parsed["time"] == "1970-01-01T00:00:00.000Z");
  CHECK(parsed["level"] == "info");
  CHECK(parsed["component"] == "serve");
  CHECK(parsed["message"] == "ready");
  CHECK(parsed["z"] == 1);
  CHECK(parsed.size() == 5);
  // A non-object `fields` adds nothing.
  CHECK(Json::parse(bot::FormatLogLine(At(0), bot::LogLevel::kInfo, "c", "m", Json::array({1})))
            .size() == 4);
}

TEST_CASE("log: level names parse both ways", "[log]") {
  for (const char* name : {"trace", "debug", "info", "warn", "error"}) {
    auto level = bot::ParseLogLevel(name);
    REQUIRE(level);
    CHECK(bot::LogLevelName(*level) == name);
  }
  CHECK_FALSE(bot::ParseLogLevel("warning"));
  CHECK_FALSE(bot::ParseLogLevel("INFO"));
  CHECK_FALSE(bot::ParseLogLevel(""));
}

TEST_CASE("log: lines below the level are dropped", "[log]") {
  {
    bot::ScopedLogCapture capture(bot::LogLevel::kWarn);
    bot::Log(bot::LogLevel::kTrace, "t", "trace line");
    bot::Log(bot::LogLevel::kDebug, "t", "debug line");
    bot::Log(bot::LogLevel::kInfo, "t", "info line");
    bot::Log(bot::LogLevel::kWarn, "t", "warn line");
    bot::Log(bot::LogLevel::kError, "t", "error line", {{"code", "invalid_auth"}});
    CHECK_FALSE(bot::LogEnabled(bot::LogLevel::kInfo));
    CHECK(bot::LogEnabled(bot::LogLevel::kWarn));
    auto lines = Lines(capture.Text());
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["message"] == "warn line");
    CHECK(lines[0]["level"] == "warn");
    CHECK(lines[1]["level"] == "error");
    CHECK(lines[1]["code"] == "invalid_auth");
    CHECK(lines[1]["time"].get<std::string>().ends_with("Z"));
  }
  {
    bot::ScopedLogCapture capture(bot::LogLevel::kTrace);
    bot::Log(bot::LogLevel::kTrace, "t", "trace line");
    bot::Log(bot::LogLevel::kDebug, "t", "debug line");
    CHECK(Lines(capture.Text()).size() == 2);
  }
  {
    // SetLogLevel (--log-level) moves the threshold of the logger in place.
    bot::ScopedLogCapture capture(bot::LogLevel::kInfo);
    bot::Log(bot::LogLevel::kDebug, "t", "dropped");
    bot::SetLogLevel(bot::LogLevel::kDebug);
    bot::Log(bot::LogLevel::kDebug, "t", "kept");
    bot::SetLogLevel(bot::LogLevel::kError);
    bot::Log(bot::LogLevel::kWarn, "t", "dropped too");
    auto lines = Lines(capture.Text());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["message"] == "kept");
  }
}

TEST_CASE("log: lines from many threads never interleave", "[log]") {
  bot::ScopedLogCapture capture(bot::LogLevel::kInfo);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) {
        bot::Log(bot::LogLevel::kInfo, "t", std::string(100, static_cast<char>('a' + t)),
                 {{"i", i}});
      }
    });
  }
  for (std::thread& t : threads) t.join();
  auto lines = Lines(capture.Text());  // throws if any line is not one whole object
  CHECK(lines.size() == 800);
}
