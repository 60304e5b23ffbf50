#pragma once
// How times are stored: INTEGER Unix seconds, NULL for "not yet" (schema v1).
// Shared by every *_rows.cc.

#include <cstdint>
#include <optional>

#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

inline std::int64_t Seconds(core::TimePoint t) { return t.time_since_epoch().count(); }
inline core::TimePoint FromSeconds(std::int64_t s) { return core::TimePoint(core::Duration(s)); }

inline std::optional<std::int64_t> Seconds(const std::optional<core::TimePoint>& t) {
  if (!t) return std::nullopt;
  return Seconds(*t);
}

inline std::optional<core::TimePoint> OptionalTime(const Statement& s, int col) {
  std::optional<std::int64_t> v = s.ColumnOptionalInt(col);
  if (!v) return std::nullopt;
  return FromSeconds(*v);
}

}  // namespace srcbot::store
