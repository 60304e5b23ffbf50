#include "app/system_zones.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/committee.h"

namespace srcbot::app {
namespace {

std::int64_t BigEndian(std::string_view bytes, std::size_t at, int width) {
  std::uint64_t v = 0;
  for (int i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

struct Header {
  char version = 0;
  std::size_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

std::optional<Header> ReadHeader(std::string_view bytes, std::size_t at) {
  if (bytes.size() < at + 44 || bytes.substr(at, 4) != "TZif") return std::nullopt;
  Header h;
  h.version = bytes[at + 4];
  std::size_t* counts[] = {&h.isut, &h.isstd, &h.leap, &h.time, &h.type, &h.chars};
  for (int i = 0; i < 6; ++i) {
    std::int64_t n = BigEndian(bytes, at + 20 + 4 * i, 4);
    if (n < 0 || n > 100000) return std::nullopt;
    *counts[i] = static_cast<std::size_t>(n);
  }
  if (h.type == 0) return std::nullopt;
  return h;
}

std::size_t BlockSize(const Header& h, int time_width) {
  return h.time * time_width + h.time + h.type * 6 + h.chars + h.leap * (time_width + 4) + h.isstd +
         h.isut;
}

std::optional<ZoneTable> ReadBlock(std::string_view bytes, std::size_t at, const Header& h,
                                   int width) {
  if (bytes.size() < at + BlockSize(h, width)) return std::nullopt;
  ZoneTable z;
  for (std::size_t i = 0; i < h.time; ++i)
    z.transitions.push_back(BigEndian(bytes, at + i * width, width));
  at += h.time * width;
  for (std::size_t i = 0; i < h.time; ++i) {
    auto type = static_cast<std::uint8_t>(bytes[at + i]);
    if (type >= h.type) return std::nullopt;
    z.type_of.push_back(type);
  }
  at += h.time;
  for (std::size_t i = 0; i < h.type; ++i) {
    z.offsets.push_back(static_cast<std::int32_t>(BigEndian(bytes, at + i * 6, 4)));
  }
  if (!std::is_sorted(z.transitions.begin(), z.transitions.end())) return std::nullopt;
  return z;
}

}  // namespace

std::int32_t ZoneTable::OffsetAt(std::int64_t t) const {
  auto after = std::upper_bound(transitions.begin(), transitions.end(), t);
  // Before the first transition, RFC 8536 says local time type 0 applies.
  if (after == transitions.begin()) return offsets.front();
  return offsets[type_of[static_cast<std::size_t>(after - transitions.begin() - 1)]];
}

std::optional<ZoneTable> ParseTzif(std::string_view bytes) {
  std::optional<Header> v1 = ReadHeader(bytes, 0);
  if (!v1) return std::nullopt;
  if (v1->version == 0) return ReadBlock(bytes, 44, *v1, 4);
  // Version 2+: skip the 32-bit block; the 64-bit one follows its own header.
  std::size_t second = 44 + BlockSize(*v1, 4);
  std::optional<Header> v2 = ReadHeader(bytes, second);
  if (!v2) return std::nullopt;
  return ReadBlock(bytes, second + 44, *v2, 8);
}

std::optional<core::Duration> SystemZones::OffsetAt(std::string_view zone,
                                                    core::TimePoint t) const {
  if (zone == "UTC") return core::Duration(0);
  if (!core::PlausibleTimeZone(zone)) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(zone);
  if (it == cache_.end()) {
    std::ifstream in(root_ + "/" + std::string(zone), std::ios::binary);
    std::optional<ZoneTable> table;
    if (in) {
      std::ostringstream bytes;
      bytes << in.rdbuf();
      table = ParseTzif(bytes.str());
    }
    it = cache_.emplace(std::string(zone), std::move(table)).first;
  }
  if (!it->second) return std::nullopt;
  return core::Duration(it->second->OffsetAt(t.time_since_epoch().count()));
}

}  // namespace srcbot::app
