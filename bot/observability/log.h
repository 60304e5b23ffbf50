#pragma once
// srcbot's log: one JSON object per line on stderr, written through spdlog.
// Each line is built with nlohmann::json (so every value is escaped) and holds,
// in this order: time (ISO-8601 UTC with milliseconds), level, component,
// message, then the fields the caller adds, e.g.
//
//   {"time":"2026-11-25T15:09:00.123Z","level":"warn","component":"delivery",
//    "message":"delivery pass failed; backing off","failed":1,"store_errors":0}
//
// What may go into a line (docs/monitoring.md): fixed texts, case ids, request
// ids (Slack's event_id, a Socket Mode envelope_id), counts, durations and
// error codes. Never a token, the signing secret, a case's texts (title,
// reporter, descriptions…), or what Slack sent beyond its error code: the
// callers pass codes and ids, not texts.
//
// There is one process-wide logger, as logging is: SetLogLevel sets its level
// (--log-level) once at start-up; until then it logs at info. Lines below the
// level are dropped before anything is built.
// Thread-safe.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace srcbot::bot {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

// "trace", "debug", "info", "warn", "error"; nullopt for anything else.
std::optional<LogLevel> ParseLogLevel(std::string_view name);
std::string_view LogLevelName(LogLevel level);

void SetLogLevel(LogLevel level);
bool LogEnabled(LogLevel level);

// Writes one line when `level` is enabled. `fields` should be an object (of
// ids, counts and codes); its keys come after the four fixed ones, and a key
// named like one of those is dropped.
void Log(LogLevel level, std::string_view component, std::string_view message,
         const nlohmann::json& fields = nlohmann::json::object());

// The line Log writes, without the newline. Pure, for tests.
std::string FormatLogLine(std::chrono::system_clock::time_point time, LogLevel level,
                          std::string_view component, std::string_view message,
                          const nlohmann::json& fields);

// For tests: while alive, lines go into memory instead of stderr, at `level`;
// the previous destination and level come back at destruction. One at a time.
class ScopedLogCapture {
 public:
  explicit ScopedLogCapture(LogLevel level = LogLevel::kTrace);
  ~ScopedLogCapture();
  ScopedLogCapture(const ScopedLogCapture&) = delete;
  ScopedLogCapture& operator=(const ScopedLogCapture&) = delete;

  // Everything written so far, one line per record, each ending in '\n'.
  std::string Text() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace srcbot::bot
