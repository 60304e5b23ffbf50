#include "store/reminder_rows.h"

#include <charconv>
#include <string>

#include "store/time_columns.h"
#include "core/str_cat.h"

namespace srcbot::store {
namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    std::size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<std::int64_t> Int(const std::string& text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string EncodeFired(const std::vector<core::FiredStep>& fired) {
  std::string out;
  for (const core::FiredStep& f : fired) {
    if (!out.empty()) out += ';';
    out += core::StrCat({std::to_string(static_cast<int>(f.kind)), ":",
                         std::to_string(Seconds(f.due)), ":", std::to_string(f.step)});
  }
  return out;
}

std::vector<core::FiredStep> DecodeFired(const std::string& text) {
  std::vector<core::FiredStep> out;
  for (const std::string& item : Split(text, ';')) {
    std::vector<std::string> parts = Split(item, ':');
    if (parts.size() != 3) continue;
    auto kind = Int(parts[0]), due = Int(parts[1]), step = Int(parts[2]);
    if (!kind || !due || !step || *kind < 0 ||
        *kind > static_cast<int>(core::DeadlineKind::kRetrospective)) {
      continue;
    }
    out.push_back(
        {static_cast<core::DeadlineKind>(*kind), FromSeconds(*due), static_cast<int>(*step)});
  }
  return out;
}

core::Status MarkCaseChanged(SqliteConnection& db, core::CaseId id) {
  auto s = db.Prepare(
      "INSERT INTO case_reminders (case_id, wake_at) VALUES (?1, 0) "
      "ON CONFLICT (case_id) DO UPDATE SET wake_at = 0",
      "schedule reminders of " + core::CaseRef(id));
  if (!s.ok()) return s.status();
  return s.value().BindInt(1, id).Run();
}

core::Result<std::vector<core::CaseId>> SelectDueCases(SqliteConnection& db, core::TimePoint now,
                                                       int limit) {
  std::vector<core::CaseId> out;
  if (limit <= 0) return out;
  auto s =
      db.Prepare("SELECT case_id FROM case_reminders WHERE wake_at <= ?1 ORDER BY wake_at LIMIT ?2",
                 "find due reminders");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, Seconds(now)).BindInt(2, limit);
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    out.push_back(s.value().ColumnInt(0));
  }
}

core::Result<core::ReminderState> SelectReminderState(SqliteConnection& db, core::CaseId id) {
  auto s = db.Prepare(
      "SELECT fired, stale_pinged_at, snoozed_until FROM case_reminders WHERE case_id = ?1",
      "load reminders of " + core::CaseRef(id));
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  core::ReminderState state;
  if (!row.value()) return state;
  state.fired = DecodeFired(s.value().ColumnText(0));
  state.stale_pinged_at = OptionalTime(s.value(), 1);
  state.snoozed_until = OptionalTime(s.value(), 2);
  return state;
}

core::Status WriteReminderState(SqliteConnection& db, core::CaseId id,
                                const core::ReminderState& state,
                                const std::optional<core::TimePoint>& wake_at) {
  auto s = db.Prepare(
      "INSERT INTO case_reminders (case_id, wake_at, fired, stale_pinged_at, snoozed_until) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (case_id) DO UPDATE SET wake_at = ?2, "
      "fired = ?3, stale_pinged_at = ?4, snoozed_until = ?5",
      "save reminders of " + core::CaseRef(id));
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id).BindOptionalInt(2, Seconds(wake_at));
  s.value().BindText(3, EncodeFired(state.fired));
  s.value().BindOptionalInt(4, Seconds(state.stale_pinged_at));
  s.value().BindOptionalInt(5, Seconds(state.snoozed_until));
  return s.value().Run();
}

core::Result<core::TimePoint> SelectLastActivity(SqliteConnection& db, core::CaseId id,
                                                 core::TimePoint fallback) {
  auto s = db.Prepare("SELECT max(at) FROM timeline WHERE case_id = ?1",
                      "last activity of " + core::CaseRef(id));
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value() || s.value().IsNull(0)) return fallback;
  return FromSeconds(s.value().ColumnInt(0));
}

core::Result<core::OnCall> SelectOnCall(SqliteConnection& db) {
  auto s = db.Prepare(
      "SELECT members, shift_seconds, starts_at, overrides, current, since, handover_to, "
      "handover_announced_at FROM oncall WHERE id = 1",
      "load the on-call rotation");
  if (!s.ok()) return s.status();
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  core::OnCall o;
  if (!row.value()) return o;
  const Statement& r = s.value();
  o.rotation.members = Split(r.ColumnText(0), ',');
  o.rotation.shift = core::Duration(r.ColumnInt(1));
  o.rotation.starts = FromSeconds(r.ColumnInt(2));
  for (const std::string& item : Split(r.ColumnText(3), ',')) {
    std::size_t eq = item.find('=');
    if (eq == std::string::npos) continue;
    if (auto shift = Int(item.substr(0, eq))) o.rotation.overrides[*shift] = item.substr(eq + 1);
  }
  o.current = r.ColumnText(4);
  o.since = FromSeconds(r.ColumnInt(5));
  o.handover_to = r.ColumnText(6);
  o.handover_announced = OptionalTime(r, 7);
  return o;
}

core::Status WriteOnCall(SqliteConnection& db, const core::OnCall& o) {
  // User ids are Slack ids or console names: no commas or equals signs
  // (commands/case_ref.cc accepts only such mentions).
  std::string members, overrides;
  for (const core::UserId& u : o.rotation.members) {
    if (!members.empty()) members += ',';
    members += u;
  }
  for (const auto& [shift, user] : o.rotation.overrides) {
    if (!overrides.empty()) overrides += ',';
    overrides += core::StrCat({std::to_string(shift), "=", user});
  }
  auto s = db.Prepare(
      "INSERT OR REPLACE INTO oncall (id, members, shift_seconds, starts_at, overrides, current, "
      "since, handover_to, handover_announced_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      "save the on-call rotation");
  if (!s.ok()) return s.status();
  s.value().BindText(1, members).BindInt(2, o.rotation.shift.count());
  s.value().BindInt(3, Seconds(o.rotation.starts)).BindText(4, overrides);
  s.value().BindText(5, o.current).BindInt(6, Seconds(o.since)).BindText(7, o.handover_to);
  s.value().BindOptionalInt(8, Seconds(o.handover_announced));
  return s.value().Run();
}

}  // namespace srcbot::store
