#include "store/case_rows.h"

#include <array>
#include <string>
#include <utility>
#include "store/enum_names.h"
#include "store/time_columns.h"

namespace srcbot::store {
namespace {

// The cases columns, in the order both the statements and the Col indices use.
// Keeping one list makes INSERT, UPDATE and SELECT agree by construction.
// clang-format off
constexpr std::array<const char*, 35> kColumns = {
    "id", "title", "repo", "affected", "upstream", "reporter", "credit", "via", "stage",
    "resolution", "is_public", "slow", "embargoed", "going_public", "replicated", "cvss_score",
    "lead", "received_at", "reported_at", "acknowledged_at", "team_formed_at", "fixed_at",
    "public_at", "released_at", "retro_done_at", "closed_at", "cvss_vector", "fixed_version",
    "cve", "ghsa_id", "public_summary", "release_url", "advisory_url", "announcement_url",
    "release_day",
};

enum Col {
  kId, kTitle, kRepo, kAffected, kUpstream, kReporter, kCredit, kVia, kStage,
  kResolution, kIsPublic, kSlow, kEmbargoed, kGoingPublic, kReplicated, kCvssScore,
  kLead, kReceivedAt, kReportedAt, kAcknowledgedAt, kTeamFormedAt, kFixedAt,
  kPublicAt, kReleasedAt, kRetroDoneAt, kClosedAt, kCvssVector, kFixedVersion,
  kCve, kGhsaId, kPublicSummary, kReleaseUrl, kAdvisoryUrl, kAnnouncementUrl,
  kReleaseDay, kColumnCount,
};
// clang-format on
static_assert(kColumnCount == kColumns.size(), "one Col per column name");

std::string ColumnList() {
  std::string out;
  for (const char* c : kColumns) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

const std::string& InsertSql() {
  static const std::string sql = [] {
    std::string params;
    for (std::size_t i = 1; i <= kColumns.size(); ++i) {
      params += (i == 1 ? "?" : ", ?") + std::to_string(i);
    }
    return "INSERT INTO cases (" + ColumnList() + ") VALUES (" + params + ")";
  }();
  return sql;
}

const std::string& UpdateSql() {
  static const std::string sql = [] {
    std::string sets;
    for (std::size_t i = 1; i < kColumns.size(); ++i) {
      sets += (i == 1 ? "" : ", ") + std::string(kColumns[i]) + " = ?" + std::to_string(i + 1);
    }
    return "UPDATE cases SET " + sets + " WHERE id = ?1";
  }();
  return sql;
}


void BindCase(Statement& s, const core::Case& c) {
  // Parameter n binds column n-1 of kColumns.
  auto p = [](Col col) { return static_cast<int>(col) + 1; };
  s.BindInt(p(kId), c.id).BindText(p(kTitle), c.title).BindText(p(kRepo), c.repo);
  s.BindText(p(kAffected), c.affected).BindText(p(kUpstream), c.upstream);
  s.BindText(p(kReporter), c.reporter).BindText(p(kCredit), c.credit);
  s.BindText(p(kVia), core::ViaName(c.via)).BindText(p(kStage), core::StageName(c.stage));
  if (c.resolution == core::Resolution::kNone) {
    s.BindNull(p(kResolution));
  } else {
    s.BindText(p(kResolution), core::ResolutionName(c.resolution));
  }
  s.BindBool(p(kIsPublic), c.is_public).BindBool(p(kSlow), c.slow);
  s.BindBool(p(kEmbargoed), c.embargoed).BindText(p(kGoingPublic), GoingPublicName(c.going_public));
  std::optional<std::int64_t> replicated;
  if (c.replicated) replicated = *c.replicated ? 1 : 0;
  s.BindOptionalInt(p(kReplicated), replicated).BindOptionalDouble(p(kCvssScore), c.cvss_score);
  s.BindText(p(kLead), c.lead);
  s.BindInt(p(kReceivedAt), Seconds(c.received_at)).BindInt(p(kReportedAt), Seconds(c.reported_at));
  s.BindOptionalInt(p(kAcknowledgedAt), Seconds(c.acknowledged_at));
  s.BindOptionalInt(p(kTeamFormedAt), Seconds(c.team_formed_at));
  s.BindOptionalInt(p(kFixedAt), Seconds(c.fixed_at));
  s.BindOptionalInt(p(kPublicAt), Seconds(c.public_at));
  s.BindOptionalInt(p(kReleasedAt), Seconds(c.released_at));
  s.BindOptionalInt(p(kRetroDoneAt), Seconds(c.retro_done_at));
  s.BindOptionalInt(p(kClosedAt), Seconds(c.closed_at));
  s.BindText(p(kCvssVector), c.cvss_vector).BindText(p(kFixedVersion), c.fixed_version);
  s.BindText(p(kCve), c.cve).BindText(p(kGhsaId), c.ghsa_id);
  s.BindText(p(kPublicSummary), c.public_summary).BindText(p(kReleaseUrl), c.release_url);
  s.BindText(p(kAdvisoryUrl), c.advisory_url).BindText(p(kAnnouncementUrl), c.announcement_url);
  s.BindOptionalInt(p(kReleaseDay), Seconds(c.release_day));
}

core::Result<core::Case> ReadCase(SqliteConnection& db, const Statement& s) {
  core::Case c;
  c.id = s.ColumnInt(kId);
  auto bad = [&](const char* what, const std::string& value) {
    return core::Status::Internal(db.path() + ": " + core::CaseRef(c.id) + " has unknown " + what +
                                  " '" + value + "'");
  };
  c.title = s.ColumnText(kTitle);
  c.repo = s.ColumnText(kRepo);
  c.affected = s.ColumnText(kAffected);
  c.upstream = s.ColumnText(kUpstream);
  c.reporter = s.ColumnText(kReporter);
  c.credit = s.ColumnText(kCredit);
  std::optional<core::Via> via = core::ParseVia(s.ColumnText(kVia));
  if (!via) return bad("via", s.ColumnText(kVia));
  c.via = *via;
  std::optional<core::Stage> stage = ParseStage(s.ColumnText(kStage));
  if (!stage) return bad("stage", s.ColumnText(kStage));
  c.stage = *stage;
  if (!s.IsNull(kResolution)) {
    std::optional<core::Resolution> r = core::ParseResolution(s.ColumnText(kResolution));
    if (!r) return bad("resolution", s.ColumnText(kResolution));
    c.resolution = *r;
  }
  c.is_public = s.ColumnBool(kIsPublic);
  c.slow = s.ColumnBool(kSlow);
  c.embargoed = s.ColumnBool(kEmbargoed);
  std::optional<core::GoingPublic> going = ParseGoingPublic(s.ColumnText(kGoingPublic));
  if (!going) return bad("going_public", s.ColumnText(kGoingPublic));
  c.going_public = *going;
  if (!s.IsNull(kReplicated)) c.replicated = s.ColumnBool(kReplicated);
  c.cvss_score = s.ColumnOptionalDouble(kCvssScore);
  c.lead = s.ColumnText(kLead);
  c.received_at = FromSeconds(s.ColumnInt(kReceivedAt));
  c.reported_at = FromSeconds(s.ColumnInt(kReportedAt));
  c.acknowledged_at = OptionalTime(s, kAcknowledgedAt);
  c.team_formed_at = OptionalTime(s, kTeamFormedAt);
  c.fixed_at = OptionalTime(s, kFixedAt);
  c.public_at = OptionalTime(s, kPublicAt);
  c.released_at = OptionalTime(s, kReleasedAt);
  c.retro_done_at = OptionalTime(s, kRetroDoneAt);
  c.closed_at = OptionalTime(s, kClosedAt);
  c.cvss_vector = s.ColumnText(kCvssVector);
  c.fixed_version = s.ColumnText(kFixedVersion);
  c.cve = s.ColumnText(kCve);
  c.ghsa_id = s.ColumnText(kGhsaId);
  c.public_summary = s.ColumnText(kPublicSummary);
  c.release_url = s.ColumnText(kReleaseUrl);
  c.advisory_url = s.ColumnText(kAdvisoryUrl);
  c.announcement_url = s.ColumnText(kAnnouncementUrl);
  c.release_day = OptionalTime(s, kReleaseDay);
  return c;
}

core::Status InsertTeam(SqliteConnection& db, const core::Case& c) {
  core::Result<Statement> s = db.Prepare(
      "INSERT INTO case_team (case_id, user, outside, approved, reporter, github, position) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      "insert team of " + core::CaseRef(c.id));
  if (!s.ok()) return s.status();
  for (std::size_t i = 0; i < c.team.size(); ++i) {
    const core::TeamMember& m = c.team[i];
    s.value().Reset();
    s.value().BindInt(1, c.id).BindText(2, m.user).BindBool(3, m.outside);
    s.value().BindBool(4, m.approved).BindBool(5, m.reporter).BindText(6, m.github);
    s.value().BindInt(7, static_cast<std::int64_t>(i));
    if (core::Status st = s.value().Run(); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Status LoadTeam(Statement& team, core::Case& c) {
  team.Reset();
  team.BindInt(1, c.id);
  for (;;) {
    core::Result<bool> row = team.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return core::Status::Ok();
    c.team.push_back({.user = team.ColumnText(0),
                      .outside = team.ColumnBool(1),
                      .approved = team.ColumnBool(2),
                      .reporter = team.ColumnBool(3),
                      .github = team.ColumnText(4)});
  }
}

// Runs a SELECT of kColumns and loads each row with its team.
core::Result<std::vector<core::Case>> ReadCases(SqliteConnection& db, Statement& cases) {
  core::Result<Statement> team = db.Prepare(
      "SELECT user, outside, approved, reporter, github FROM case_team "
      "WHERE case_id = ?1 ORDER BY position",
      "load case team");
  if (!team.ok()) return team.status();
  std::vector<core::Case> out;
  for (;;) {
    core::Result<bool> row = cases.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    core::Result<core::Case> c = ReadCase(db, cases);
    if (!c.ok()) return c.status();
    if (core::Status s = LoadTeam(team.value(), c.value()); !s.ok()) return s;
    out.push_back(std::move(c).value());
  }
}

}  // namespace

core::Result<core::CaseId> NextCaseId(SqliteConnection& db) {
  // max() of both: sqlite_sequence has no row before the first insert, and a
  // row inserted with an explicit id also raises the counter, so this matches
  // what AUTOINCREMENT itself would choose.
  core::Result<Statement> s = db.Prepare(
      "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'cases'), 0), "
      "coalesce((SELECT max(id) FROM cases), 0)) + 1",
      "allocate case id");
  if (!s.ok()) return s.status();
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  return s.value().ColumnInt(0);
}

core::Status InsertCase(SqliteConnection& db, const core::Case& c) {
  core::Result<Statement> s = db.Prepare(InsertSql(), "insert " + core::CaseRef(c.id));
  if (!s.ok()) return s.status();
  BindCase(s.value(), c);
  if (core::Status st = s.value().Run(); !st.ok()) return st;
  return InsertTeam(db, c);
}

core::Status UpdateCase(SqliteConnection& db, const core::Case& c) {
  core::Result<Statement> s = db.Prepare(UpdateSql(), "update " + core::CaseRef(c.id));
  if (!s.ok()) return s.status();
  BindCase(s.value(), c);
  if (core::Status st = s.value().Run(); !st.ok()) return st;
  if (db.Changes() == 0) return core::Status::NotFound("no case " + core::CaseRef(c.id));
  core::Result<Statement> del = db.Prepare("DELETE FROM case_team WHERE case_id = ?1",
                                           "replace team of " + core::CaseRef(c.id));
  if (!del.ok()) return del.status();
  if (core::Status st = del.value().BindInt(1, c.id).Run(); !st.ok()) return st;
  return InsertTeam(db, c);
}

core::Result<std::optional<core::Case>> SelectCase(SqliteConnection& db, core::CaseId id) {
  core::Result<Statement> s = db.Prepare("SELECT " + ColumnList() + " FROM cases WHERE id = ?1",
                                         "load " + core::CaseRef(id));
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  core::Result<std::vector<core::Case>> cases = ReadCases(db, s.value());
  if (!cases.ok()) return cases.status();
  if (cases.value().empty()) return std::optional<core::Case>();
  return std::optional<core::Case>(std::move(cases.value().front()));
}

core::Result<std::vector<core::Case>> SelectCases(SqliteConnection& db, bool include_closed) {
  std::string sql = "SELECT " + ColumnList() + " FROM cases";
  if (!include_closed) sql += " WHERE stage != 'closed'";
  core::Result<Statement> s = db.Prepare(sql + " ORDER BY id", "list cases");
  if (!s.ok()) return s.status();
  return ReadCases(db, s.value());
}

core::Status InsertEvents(SqliteConnection& db, const std::vector<core::Event>& events) {
  if (events.empty()) return core::Status::Ok();
  core::Result<Statement> s = db.Prepare(
      "INSERT INTO timeline (case_id, at, actor, channel, kind, text) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      "append timeline");
  if (!s.ok()) return s.status();
  for (const core::Event& e : events) {
    s.value().Reset();
    s.value().BindInt(1, e.case_id).BindInt(2, Seconds(e.at)).BindText(3, e.actor);
    s.value().BindText(4, e.channel).BindText(5, e.kind).BindText(6, e.text);
    if (core::Status st = s.value().Run(); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::Event>> SelectTimeline(SqliteConnection& db, core::CaseId id) {
  core::Result<Statement> s = db.Prepare(
      "SELECT case_id, at, actor, channel, kind, text FROM timeline "
      "WHERE case_id = ?1 ORDER BY id",
      "load timeline of " + core::CaseRef(id));
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  std::vector<core::Event> out;
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    const Statement& r = s.value();
    out.push_back({.case_id = r.ColumnInt(0),
                   .at = FromSeconds(r.ColumnInt(1)),
                   .actor = r.ColumnText(2),
                   .channel = r.ColumnText(3),
                   .kind = r.ColumnText(4),
                   .text = r.ColumnText(5)});
  }
}

}  // namespace srcbot::store
