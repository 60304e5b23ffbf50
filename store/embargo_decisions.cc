// SqliteCaseStore's embargo audit (core::CaseStore::RecordDecisions and
// Decisions): the embargo_decisions table of schema v4; and where a release
// post went (ReleasePostRef), from the outbox.

#include "store/sqlite_case_store.h"

namespace srcbot::store {

core::Status SqliteCaseStore::RecordDecisions(const std::vector<core::EmbargoDecision>& decisions) {
  if (decisions.empty()) return core::Status::Ok();
  // Grouped with other commands' writes: the guard acts once this is durable.
  return writes_->Write("record embargo decision", [&]() -> core::Status {
    // The foreign key would refuse an unknown case too, but with SQLite's own
    // words; this says which case.
    core::Result<Statement> exists = db_->Prepare("SELECT 1 FROM cases WHERE id = ?1", "find case");
    if (!exists.ok()) return exists.status();
    core::Result<Statement> insert = db_->Prepare(
        "INSERT INTO embargo_decisions (case_id, at, outcome, kind, destination, recipient, "
        "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "record embargo decision");
    if (!insert.ok()) return insert.status();
    const std::int64_t now = clock_.Now().time_since_epoch().count();
    for (const core::EmbargoDecision& d : decisions) {
      exists.value().Reset();
      exists.value().BindInt(1, d.case_id);
      core::Result<bool> found = exists.value().Step();
      if (!found.ok()) return found.status();
      if (!found.value()) return core::Status::NotFound("no case " + core::CaseRef(d.case_id));
      insert.value().Reset();
      insert.value().BindInt(1, d.case_id).BindInt(2, now).BindText(3, d.outcome);
      insert.value().BindText(4, d.kind).BindText(5, d.destination).BindText(6, d.recipient);
      insert.value().BindText(7, d.reason);
      if (core::Status st = insert.value().Run(); !st.ok()) return st;
    }
    return core::Status::Ok();
  });
}

core::Result<std::vector<core::EmbargoDecision>> SqliteCaseStore::Decisions(core::CaseId id) {
  return Reading([&](SqliteConnection& db) -> core::Result<std::vector<core::EmbargoDecision>> {
    core::Result<Statement> s = db.Prepare(
        "SELECT at, outcome, kind, destination, recipient, reason FROM embargo_decisions "
        "WHERE case_id = ?1 ORDER BY id",
        "read embargo decisions");
    if (!s.ok()) return s.status();
    s.value().BindInt(1, id);
    std::vector<core::EmbargoDecision> out;
    for (;;) {
      core::Result<bool> row = s.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return out;
      const Statement& r = s.value();
      out.push_back({.case_id = id,
                     .at = core::TimePoint(core::Duration(r.ColumnInt(0))),
                     .outcome = r.ColumnText(1),
                     .kind = r.ColumnText(2),
                     .destination = r.ColumnText(3),
                     .recipient = r.ColumnText(4),
                     .reason = r.ColumnText(5)});
    }
  });
}

core::Result<std::optional<std::string>> SqliteCaseStore::ReleasePostRef(
    core::CaseId id, const std::string& channel) {
  static const std::string kPrefix = "public release post ts=";
  return Reading([&](SqliteConnection& db) -> core::Result<std::optional<std::string>> {
    core::Result<Statement> s = db.Prepare(
        "SELECT note FROM outbox WHERE release_of = ?1 AND channel = ?2 AND state = 'sent' "
        "AND substr(note, 1, ?3) = ?4 ORDER BY id LIMIT 1",
        "find release post");
    if (!s.ok()) return s.status();
    s.value().BindInt(1, id).BindText(2, channel);
    s.value().BindInt(3, static_cast<std::int64_t>(kPrefix.size())).BindText(4, kPrefix);
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return std::optional<std::string>();
    return std::optional<std::string>(s.value().ColumnText(0).substr(kPrefix.size()));
  });
}

}  // namespace srcbot::store
