#include "store/outbox_rows.h"

#include <nlohmann/json.hpp>

#include "store/time_columns.h"

namespace srcbot::store {
namespace {

// `about` is stored as a JSON array of case ids so one column can hold any
// number of them; SQLite's json functions can query it if ever needed.
std::string AboutJson(const std::vector<core::CaseId>& about) {
  nlohmann::json array = nlohmann::json::array();
  for (core::CaseId id : about) array.push_back(id);
  return array.dump();
}

// Parses without exceptions: a damaged row is reported, not thrown.
core::Result<std::vector<core::CaseId>> ParseAbout(const SqliteConnection& db, std::int64_t id,
                                                   const std::string& text) {
  nlohmann::json array = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<core::CaseId> out;
  bool ok = array.is_array();
  if (ok) {
    for (const nlohmann::json& v : array) {
      if (!v.is_number_integer()) {
        ok = false;
        break;
      }
      out.push_back(v.get<core::CaseId>());
    }
  }
  if (!ok) {
    return core::Status::Internal(db.path() + ": outbox message " + std::to_string(id) +
                                  " has a malformed 'about' list");
  }
  return out;
}

}  // namespace

std::string_view OutboxStateName(core::OutboxState state) {
  switch (state) {
    case core::OutboxState::kPending:
      return "pending";
    case core::OutboxState::kSent:
      return "sent";
    case core::OutboxState::kHeld:
      return "held";
  }
  return "pending";
}

core::Status InsertMessages(SqliteConnection& db, const std::vector<core::Message>& messages,
                            core::TimePoint now) {
  if (messages.empty()) return core::Status::Ok();
  core::Result<Statement> s = db.Prepare(
      "INSERT INTO outbox (channel, direct, text, about, created_at, state, attempts, note, "
      "updated_at, offers, release_of) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, '', ?5, ?6, ?7)",
      "queue message");
  if (!s.ok()) return s.status();
  for (const core::Message& m : messages) {
    // The outbox stores concrete destinations only; resolving "the SRC
    // channel" from configuration is the caller's job, and a message that
    // skipped it is a bug that must not be half-committed.
    if (m.audience != core::Audience::kChannel && m.audience != core::Audience::kUser) {
      return core::Status::Internal(
          "message not addressed: resolve the configured channels (Audience::kSrcChannel and "
          "the public ones) before committing");
    }
    if (m.target.empty()) return core::Status::Internal("message not addressed: empty target");
    s.value().Reset();
    s.value().BindText(1, m.target).BindBool(2, m.audience == core::Audience::kUser);
    s.value().BindText(3, m.text).BindText(4, AboutJson(m.about)).BindInt(5, Seconds(now));
    s.value().BindText(6, m.offers);
    s.value().BindOptionalInt(7, m.release_of);
    if (core::Status st = s.value().Run(); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::OutboxItem>> SelectPending(SqliteConnection& db, int limit) {
  std::vector<core::OutboxItem> out;
  if (limit <= 0) return out;
  core::Result<Statement> s = db.Prepare(
      "SELECT id, channel, direct, text, about, created_at, attempts, offers, release_of "
      "FROM outbox "
      "WHERE state = 'pending' ORDER BY id LIMIT ?1",
      "read outbox");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, limit);
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    const Statement& r = s.value();
    core::Result<std::vector<core::CaseId>> about = ParseAbout(db, r.ColumnInt(0), r.ColumnText(4));
    if (!about.ok()) return about.status();
    out.push_back({.id = r.ColumnInt(0),
                   .channel = r.ColumnText(1),
                   .direct = r.ColumnBool(2),
                   .text = r.ColumnText(3),
                   .about = std::move(about).value(),
                   .created_at = core::TimePoint(core::Duration(r.ColumnInt(5))),
                   .attempts = static_cast<int>(r.ColumnInt(6)),
                   .offers = r.ColumnText(7),
                   .release_of = r.ColumnOptionalInt(8)});
  }
}

core::Result<OutboxBacklog> SelectBacklog(SqliteConnection& db) {
  core::Result<Statement> s = db.Prepare(
      "SELECT count(*), (SELECT created_at FROM outbox WHERE state = 'pending' ORDER BY id "
      "LIMIT 1) FROM outbox WHERE state = 'pending'",
      "read outbox backlog");
  if (!s.ok()) return s.status();
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  OutboxBacklog backlog;
  if (!row.value()) return backlog;
  backlog.pending = s.value().ColumnInt(0);
  if (std::optional<std::int64_t> oldest = s.value().ColumnOptionalInt(1)) {
    backlog.oldest_created_at = core::TimePoint(core::Duration(*oldest));
  }
  return backlog;
}

core::Status UpdateMessage(SqliteConnection& db, std::int64_t id, core::OutboxState state,
                           const std::string& note, core::TimePoint now) {
  core::Result<Statement> s = db.Prepare(
      "UPDATE outbox SET state = ?2, note = ?3, attempts = attempts + 1, updated_at = ?4 "
      "WHERE id = ?1",
      "mark message");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id).BindText(2, OutboxStateName(state)).BindText(3, note);
  s.value().BindInt(4, Seconds(now));
  if (core::Status st = s.value().Run(); !st.ok()) return st;
  if (db.Changes() == 0) {
    return core::Status::NotFound("no outbox message " + std::to_string(id));
  }
  return core::Status::Ok();
}

}  // namespace srcbot::store
