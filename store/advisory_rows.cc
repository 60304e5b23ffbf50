#include "store/advisory_rows.h"

#include <functional>

#include <nlohmann/json.hpp>

#include "store/time_columns.h"

namespace srcbot::store {
namespace {

using Json = nlohmann::json;


constexpr const char* kJobColumns =
    "id, case_id, kind, key, params, requested_by, created_at, not_before, attempts, state";

// The kind-specific parameters travel as one JSON object, so a new parameter
// needs no migration.
std::string Params(const core::AdvisoryJob& job) {
  Json p = Json::object();
  if (!job.repo.empty()) p["repo"] = job.repo;
  if (!job.ecosystem.empty()) p["ecosystem"] = job.ecosystem;
  if (!job.package.empty()) p["package"] = job.package;
  if (!job.cwe_ids.empty()) p["cwe_ids"] = job.cwe_ids;
  if (!job.fork_name.empty()) p["fork_name"] = job.fork_name;
  if (!job.fork_url.empty()) p["fork_url"] = job.fork_url;
  if (job.deadline != core::TimePoint{}) p["deadline"] = Seconds(job.deadline);
  return p.dump();
}

std::string Text(const Json& p, const char* name) {
  auto it = p.find(name);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

core::Result<JobRow> ReadJob(const SqliteConnection& db, const Statement& r) {
  JobRow row;
  core::AdvisoryJob& j = row.job;
  j.id = r.ColumnInt(0);
  j.case_id = r.ColumnInt(1);
  auto kind = core::ParseAdvisoryJobKind(r.ColumnText(2));
  if (!kind)
    return core::Status::Internal(db.path() + ": job kind \"" + r.ColumnText(2) +
                                  "\" unknown to this build");
  j.kind = *kind;
  j.key = r.ColumnText(3);
  j.requested_by = r.ColumnText(5);
  j.created_at = FromSeconds(r.ColumnInt(6));
  j.not_before = FromSeconds(r.ColumnInt(7));
  j.attempts = static_cast<int>(r.ColumnInt(8));
  row.done = r.ColumnText(9) == "done";
  Json p = Json::parse(r.ColumnText(4), nullptr, false);
  if (!p.is_object())
    return core::Status::Internal(db.path() + ": job " + std::to_string(j.id) +
                                  " has damaged parameters");
  j.repo = Text(p, "repo");
  j.ecosystem = Text(p, "ecosystem");
  j.package = Text(p, "package");
  if (auto it = p.find("cwe_ids"); it != p.end() && it->is_array()) {
    for (const Json& c : *it) {
      if (c.is_string()) j.cwe_ids.push_back(c.get<std::string>());
    }
  }
  j.fork_name = Text(p, "fork_name");
  j.fork_url = Text(p, "fork_url");
  if (auto it = p.find("deadline"); it != p.end() && it->is_number_integer())
    j.deadline = FromSeconds(it->get<std::int64_t>());
  return row;
}

// Logins hold no commas (GitHub allows letters, digits and hyphens).
std::string JoinLogins(const std::vector<std::string>& logins) {
  std::string out;
  for (const std::string& l : logins) out += (out.empty() ? "" : ",") + l;
  return out;
}

std::vector<std::string> SplitLogins(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

constexpr const char* kRecordColumns =
    "case_id, repo, ghsa_id, url, state, ecosystem, package, collaborators, fork_name, fork_url, "
    "published_at";

core::AdvisoryRecord ReadRecord(const Statement& r) {
  core::AdvisoryRecord a;
  a.case_id = r.ColumnInt(0);
  a.repo = r.ColumnText(1);
  a.ghsa_id = r.ColumnText(2);
  a.url = r.ColumnText(3);
  a.state = r.ColumnText(4);
  a.ecosystem = r.ColumnText(5);
  a.package = r.ColumnText(6);
  a.collaborators = SplitLogins(r.ColumnText(7));
  a.fork_name = r.ColumnText(8);
  a.fork_url = r.ColumnText(9);
  if (auto s = r.ColumnOptionalInt(10)) a.published_at = FromSeconds(*s);
  return a;
}

core::Result<bool> Exists(SqliteConnection& db, std::string_view sql, std::string_view what,
                          const std::function<void(Statement&)>& bind) {
  core::Result<Statement> s = db.Prepare(sql, what);
  if (!s.ok()) return s.status();
  bind(s.value());
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  return row.value();
}

}  // namespace

core::Result<std::int64_t> InsertJob(SqliteConnection& db, const core::AdvisoryJob& job) {
  core::Result<Statement> s = db.Prepare(
      "INSERT INTO advisory_jobs (case_id, kind, key, params, requested_by, created_at, "
      "not_before, attempts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      "queue github job");
  if (!s.ok()) return s.status();
  Statement& st = s.value();
  st.BindInt(1, job.case_id).BindText(2, core::AdvisoryJobName(job.kind));
  if (job.key.empty()) {
    st.BindNull(3);
  } else {
    st.BindText(3, job.key);
  }
  st.BindText(4, Params(job)).BindText(5, job.requested_by).BindInt(6, Seconds(job.created_at));
  st.BindInt(7, Seconds(job.not_before)).BindInt(8, job.attempts);
  if (core::Status run = st.Run(); !run.ok()) return run;
  return db.LastInsertRowid();
}

core::Result<std::optional<JobRow>> SelectJob(SqliteConnection& db, std::int64_t id) {
  core::Result<Statement> s =
      db.Prepare(std::string("SELECT ") + kJobColumns + " FROM advisory_jobs WHERE id = ?1",
                 "load github job");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<JobRow>();
  core::Result<JobRow> job = ReadJob(db, s.value());
  if (!job.ok()) return job.status();
  return std::optional<JobRow>(std::move(job).value());
}

core::Result<std::vector<core::AdvisoryJob>> SelectDueJobs(SqliteConnection& db,
                                                           core::TimePoint now, int limit) {
  std::vector<core::AdvisoryJob> out;
  if (limit <= 0) return out;
  core::Result<Statement> s = db.Prepare(
      std::string("SELECT ") + kJobColumns +
          " FROM advisory_jobs WHERE state = 'pending' AND not_before <= ?1 ORDER BY not_before, "
          "id LIMIT ?2",
      "list due github jobs");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, Seconds(now)).BindInt(2, limit);
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    core::Result<JobRow> job = ReadJob(db, s.value());
    if (!job.ok()) return job.status();
    out.push_back(std::move(job.value().job));
  }
}

core::Result<bool> HasWaitingJob(SqliteConnection& db, core::CaseId id,
                                 core::AdvisoryJobKind kind) {
  // A fork being waited for is the fork request still in progress.
  const bool fork =
      kind == core::AdvisoryJobKind::kFork || kind == core::AdvisoryJobKind::kWaitFork;
  return Exists(db,
                "SELECT 1 FROM advisory_jobs WHERE case_id = ?1 AND state = 'pending' AND "
                "(kind = ?2 OR kind = ?3)",
                "find waiting github job", [&](Statement& s) {
                  s.BindInt(1, id).BindText(2, core::AdvisoryJobName(kind));
                  s.BindText(3, fork ? core::AdvisoryJobName(core::AdvisoryJobKind::kWaitFork)
                                     : core::AdvisoryJobName(kind));
                });
}

core::Result<bool> KeyUsed(SqliteConnection& db, const std::string& key) {
  return Exists(db, "SELECT 1 FROM advisory_jobs WHERE key = ?1", "find github job key",
                [&](Statement& s) { s.BindText(1, key); });
}

core::Status MarkJobDone(SqliteConnection& db, std::int64_t id, const std::string& note,
                         core::TimePoint now) {
  core::Result<Statement> s = db.Prepare(
      "UPDATE advisory_jobs SET state = 'done', done_at = ?2, note = ?3 WHERE id = ?1 AND "
      "state = 'pending'",
      "finish github job");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id).BindInt(2, Seconds(now)).BindText(3, note);
  if (core::Status run = s.value().Run(); !run.ok()) return run;
  if (db.Changes() != 1)
    return core::Status::Conflict("github job " + std::to_string(id) + " is done already");
  return core::Status::Ok();
}

core::Result<bool> ClaimJob(SqliteConnection& db, std::int64_t id, core::TimePoint now,
                            core::TimePoint until) {
  core::Result<Statement> s = db.Prepare(
      "UPDATE advisory_jobs SET not_before = ?3 WHERE id = ?1 AND state = 'pending' AND "
      "not_before <= ?2",
      "claim github job");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id).BindInt(2, Seconds(now)).BindInt(3, Seconds(until));
  if (core::Status run = s.value().Run(); !run.ok()) return run;
  return db.Changes() == 1;
}

core::Status UpdateJob(SqliteConnection& db, const core::AdvisoryJob& job) {
  core::Result<Statement> s = db.Prepare(
      "UPDATE advisory_jobs SET kind = ?2, params = ?3, not_before = ?4, attempts = ?5 WHERE id "
      "= ?1 AND state = 'pending'",
      "reschedule github job");
  if (!s.ok()) return s.status();
  s.value()
      .BindInt(1, job.id)
      .BindText(2, core::AdvisoryJobName(job.kind))
      .BindText(3, Params(job));
  s.value().BindInt(4, Seconds(job.not_before)).BindInt(5, job.attempts);
  if (core::Status run = s.value().Run(); !run.ok()) return run;
  if (db.Changes() != 1)
    return core::Status::Conflict("github job " + std::to_string(job.id) + " is done already");
  return core::Status::Ok();
}

core::Result<core::AdvisoryRecord> SelectRecord(SqliteConnection& db, core::CaseId id) {
  core::Result<Statement> s =
      db.Prepare(std::string("SELECT ") + kRecordColumns + " FROM advisories WHERE case_id = ?1",
                 "load advisory");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) {
    core::AdvisoryRecord empty;
    empty.case_id = id;
    return empty;
  }
  return ReadRecord(s.value());
}

core::Result<std::vector<core::AdvisoryRecord>> SelectRecords(SqliteConnection& db) {
  core::Result<Statement> s =
      db.Prepare(std::string("SELECT ") + kRecordColumns +
                     " FROM advisories WHERE ghsa_id != '' ORDER BY case_id",
                 "list advisories");
  if (!s.ok()) return s.status();
  std::vector<core::AdvisoryRecord> out;
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    out.push_back(ReadRecord(s.value()));
  }
}

core::Status UpsertRecord(SqliteConnection& db, const core::AdvisoryRecord& a) {
  core::Result<Statement> s =
      db.Prepare(std::string("INSERT OR REPLACE INTO advisories (") + kRecordColumns +
                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                 "save advisory");
  if (!s.ok()) return s.status();
  Statement& st = s.value();
  st.BindInt(1, a.case_id).BindText(2, a.repo).BindText(3, a.ghsa_id).BindText(4, a.url);
  st.BindText(5, a.state).BindText(6, a.ecosystem).BindText(7, a.package);
  st.BindText(8, JoinLogins(a.collaborators)).BindText(9, a.fork_name).BindText(10, a.fork_url);
  if (a.published_at) {
    st.BindInt(11, Seconds(*a.published_at));
  } else {
    st.BindNull(11);
  }
  return st.Run();
}

core::Result<bool> ReportSeen(SqliteConnection& db, const std::string& ghsa_id) {
  return Exists(db, "SELECT 1 FROM github_reports WHERE ghsa_id = ?1", "find github report",
                [&](Statement& s) { s.BindText(1, ghsa_id); });
}

core::Status InsertReport(SqliteConnection& db, const std::string& ghsa_id, const std::string& repo,
                          core::CaseId id, core::TimePoint now) {
  core::Result<Statement> s = db.Prepare(
      "INSERT INTO github_reports (ghsa_id, repo, case_id, seen_at) VALUES (?1, ?2, ?3, ?4)",
      "record github report");
  if (!s.ok()) return s.status();
  s.value().BindText(1, ghsa_id).BindText(2, repo).BindInt(3, id).BindInt(4, Seconds(now));
  return s.value().Run();
}

}  // namespace srcbot::store
