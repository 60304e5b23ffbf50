#include "core/time.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace srcbot::core {
namespace {

using namespace std::chrono;

// Reads exactly `width` digits at `pos`; advances pos.
std::optional<int> Digits(std::string_view s, size_t& pos, size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + width, value);
  if (ec != std::errc() || end != s.data() + pos + width) return std::nullopt;
  pos += width;
  return value;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

std::string FormatIso(TimePoint t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

std::string FormatHuman(TimePoint t) {
  std::string iso = FormatIso(t);  // 2026-11-25T15:09:00Z
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

std::string FormatDuration(Duration d) {
  long long total = std::llabs(d.count()) / 60;  // minutes
  long long days_part = total / (24 * 60);
  long long hours_part = (total / 60) % 24;
  long long minutes_part = total % 60;
  if (days_part > 0) return std::to_string(days_part) + "d " + std::to_string(hours_part) + "h";
  if (hours_part > 0) return std::to_string(hours_part) + "h " + std::to_string(minutes_part) + "m";
  return std::to_string(minutes_part) + "m";
}

std::optional<year_month_day> ParseIsoDate(std::string_view s) {
  size_t pos = 0;
  auto y = Digits(s, pos, 4);
  if (!y || !Expect(s, pos, '-')) return std::nullopt;
  auto m = Digits(s, pos, 2);
  if (!m || !Expect(s, pos, '-')) return std::nullopt;
  auto d = Digits(s, pos, 2);
  if (!d || pos != s.size()) return std::nullopt;
  year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::optional<TimePoint> ParseIsoTime(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  auto date = ParseIsoDate(s.substr(0, 10));
  if (!date) return std::nullopt;
  TimePoint t{sys_days{*date}};
  if (s.size() == 10) return t;

  size_t pos = 10;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  auto hh = Digits(s, pos, 2);
  if (!hh || !Expect(s, pos, ':')) return std::nullopt;
  auto mm = Digits(s, pos, 2);
  if (!mm) return std::nullopt;
  int ss = 0;
  if (Expect(s, pos, ':')) {
    auto sec = Digits(s, pos, 2);
    if (!sec) return std::nullopt;
    ss = *sec;
    // Fractions of a second are accepted and dropped: deadlines are in minutes.
    if (Expect(s, pos, '.')) {
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  if (*hh > 23 || *mm > 59 || ss > 60) return std::nullopt;
  t += hours{*hh} + minutes{*mm} + seconds{ss};

  if (pos == s.size() || Expect(s, pos, 'Z') || Expect(s, pos, 'z')) {
    return pos == s.size() ? std::optional<TimePoint>(t) : std::nullopt;
  }
  int sign = s[pos] == '+' ? 1 : s[pos] == '-' ? -1 : 0;
  if (sign == 0) return std::nullopt;
  ++pos;
  auto oh = Digits(s, pos, 2);
  if (!oh) return std::nullopt;
  Expect(s, pos, ':');
  auto om = Digits(s, pos, 2);
  if (!om || pos != s.size() || *oh > 23 || *om > 59) return std::nullopt;
  // A local time at +02:00 is two hours ahead of UTC: subtract the offset.
  t -= sign * (hours{*oh} + minutes{*om});
  return t;
}

std::string FormatIsoDay(std::chrono::year_month_day day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buf;
}

}  // namespace srcbot::core
