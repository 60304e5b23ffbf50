#include "bot/observability/log.h"

#include <time.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <mutex>

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace srcbot::bot {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 5> kLevelNames = {"trace", "debug", "info", "warn", "error"};
constexpr std::array<std::string_view, 4> kFixedKeys = {"time", "level", "component", "message"};

spdlog::level::level_enum SpdLevel(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
  }
  return spdlog::level::err;
}

// Lines are whole JSON objects already: the sink adds only the newline.
std::shared_ptr<spdlog::logger> MakeLogger(spdlog::sink_ptr sink, LogLevel level) {
  auto logger = std::make_shared<spdlog::logger>("srcbot", std::move(sink));
  logger->set_pattern("%v");
  logger->set_level(SpdLevel(level));
  logger->flush_on(spdlog::level::trace);
  return logger;
}

// The process-wide logger. Log copies the pointer under the lock and writes
// outside it, so a capture that swaps it never cuts a line in half.
struct Global {
  std::mutex mutex;
  std::shared_ptr<spdlog::logger> logger =
      MakeLogger(std::make_shared<spdlog::sinks::stderr_sink_mt>(), LogLevel::kInfo);
  std::atomic<int> level{static_cast<int>(LogLevel::kInfo)};
};

Global& TheLog() {
  static Global* global = new Global();  // never destroyed: threads may log during exit
  return *global;
}

// Lines kept in memory, for ScopedLogCapture. Owned by its logger, so a thread
// still holding that logger after the capture ends writes somewhere valid.
class MemorySink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string Text() {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    text_.append(line.data(), line.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

std::string IsoMillis(std::chrono::system_clock::time_point time) {
  auto ms = std::chrono::floor<std::chrono::milliseconds>(time);
  std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(ms));
  int millis = static_cast<int>((ms.time_since_epoch() % std::chrono::seconds(1)).count());
  if (millis < 0) millis += 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buf[96];  // room for any int the fields could hold, so no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  return buf;
}

}  // namespace

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

std::string_view LogLevelName(LogLevel level) { return kLevelNames[static_cast<int>(level)]; }

void SetLogLevel(LogLevel level) {
  Global& g = TheLog();
  std::lock_guard<std::mutex> lock(g.mutex);
  g.level = static_cast<int>(level);
  g.logger->set_level(SpdLevel(level));
}

bool LogEnabled(LogLevel level) { return static_cast<int>(level) >= TheLog().level.load(); }

std::string FormatLogLine(std::chrono::system_clock::time_point time, LogLevel level,
                          std::string_view component, std::string_view message,
                          const nlohmann::json& fields) {
  OrderedJson line;
  line["time"] = IsoMillis(time);
  line["level"] = std::string(LogLevelName(level));
  line["component"] = std::string(component);
  line["message"] = std::string(message);
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      bool fixed = false;
      for (std::string_view k : kFixedKeys) fixed = fixed || k == key;
      if (!fixed) line[key] = value;
    }
  }
  // Bytes that are not UTF-8 become U+FFFD instead of throwing.
  return line.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

void Log(LogLevel level, std::string_view component, std::string_view message,
         const nlohmann::json& fields) {
  if (!LogEnabled(level)) return;
  std::shared_ptr<spdlog::logger> logger;
  {
    Global& g = TheLog();
    std::lock_guard<std::mutex> lock(g.mutex);
    logger = g.logger;
  }
  std::string line;
  try {
    line = FormatLogLine(std::chrono::system_clock::now(), level, component, message, fields);
  } catch (const std::exception&) {
    // A log line must never take the caller down.
    return;
  }
  logger->log(SpdLevel(level), spdlog::string_view_t(line.data(), line.size()));
}

struct ScopedLogCapture::State {
  std::shared_ptr<MemorySink> sink;
  std::shared_ptr<spdlog::logger> previous;
  int previous_level = 0;
};

ScopedLogCapture::ScopedLogCapture(LogLevel level) : state_(std::make_unique<State>()) {
  state_->sink = std::make_shared<MemorySink>();
  Global& g = TheLog();
  std::lock_guard<std::mutex> lock(g.mutex);
  state_->previous = g.logger;
  state_->previous_level = g.level;
  g.logger = MakeLogger(state_->sink, level);
  g.level = static_cast<int>(level);
}

ScopedLogCapture::~ScopedLogCapture() {
  Global& g = TheLog();
  std::lock_guard<std::mutex> lock(g.mutex);
  g.logger = state_->previous;
  g.level = state_->previous_level;
}

std::string ScopedLogCapture::Text() const { return state_->sink->Text(); }

}  // namespace srcbot::bot
