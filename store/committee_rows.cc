#include "store/committee_rows.h"

#include <string>

#include "store/time_columns.h"

namespace srcbot::store {
namespace {

std::optional<core::TimePoint> OptionalAt(const Statement& r, int column) {
  auto s = r.ColumnOptionalInt(column);
  if (!s) return std::nullopt;
  return FromSeconds(*s);
}

constexpr const char* kMemberColumns =
    "user, vendor, github, joined_at, status, until, covers, left_at, leave_from, leave_until, "
    "leave_cover, time_zone, work_start, work_end, last_active_at, inactivity_flagged_at";

constexpr const char* kVoteColumns =
    "id, topic, kind, converted, window_seconds, opened_by, opened_at, deadline, state, "
    "closed_at, result, action, subject, vendor, github, applied_at, applied_by";

core::Status Damaged(const SqliteConnection& db, const std::string& what) {
  return core::Status::Internal(db.path() + ": " + what + " unknown to this build");
}

core::Result<core::RosterEntry> ReadMember(const SqliteConnection& db, const Statement& r) {
  core::RosterEntry e;
  e.user = r.ColumnText(0);
  e.vendor = r.ColumnText(1);
  e.github = r.ColumnText(2);
  e.joined_at = FromSeconds(r.ColumnInt(3));
  auto status = core::ParseMemberStatus(r.ColumnText(4));
  if (!status) return Damaged(db, "member status \"" + r.ColumnText(4) + "\"");
  e.status = *status;
  e.until = OptionalAt(r, 5);
  e.covers = r.ColumnText(6);
  e.left_at = OptionalAt(r, 7);
  if (!r.IsNull(8) && !r.IsNull(9))
    e.leave = core::Leave{FromSeconds(r.ColumnInt(8)), FromSeconds(r.ColumnInt(9)), r.ColumnText(10)};
  if (!r.ColumnText(11).empty() && !r.IsNull(12) && !r.IsNull(13)) {
    e.hours = core::WorkingHours{r.ColumnText(11), static_cast<int>(r.ColumnInt(12)),
                                 static_cast<int>(r.ColumnInt(13))};
  }
  e.last_active_at = OptionalAt(r, 14);
  e.inactivity_flagged_at = OptionalAt(r, 15);
  return e;
}

core::Result<core::Vote> ReadVote(const SqliteConnection& db, const Statement& r) {
  core::Vote v;
  v.id = r.ColumnInt(0);
  v.topic = r.ColumnText(1);
  auto kind = core::ParseVoteKind(r.ColumnText(2));
  auto state = core::ParseVoteState(r.ColumnText(8));
  auto action = core::ParseVoteAction(r.ColumnText(11));
  if (!kind || !state || !action) return Damaged(db, "vote #" + std::to_string(v.id) + " terms");
  v.kind = *kind;
  v.converted = r.ColumnBool(3);
  v.window = core::Duration(r.ColumnInt(4));
  v.opened_by = r.ColumnText(5);
  v.opened_at = FromSeconds(r.ColumnInt(6));
  v.deadline = FromSeconds(r.ColumnInt(7));
  v.state = *state;
  v.closed_at = OptionalAt(r, 9);
  v.result = r.ColumnText(10);
  v.action = *action;
  v.subject = r.ColumnText(12);
  v.vendor = r.ColumnText(13);
  v.github = r.ColumnText(14);
  v.applied_at = OptionalAt(r, 15);
  v.applied_by = r.ColumnText(16);
  return v;
}

core::Status LoadBallots(SqliteConnection& db, std::vector<core::Vote>& votes) {
  core::Result<Statement> s =
      db.Prepare("SELECT vote_id, voter, choice, cast_at FROM ballots ORDER BY vote_id, position",
                 "read ballots");
  if (!s.ok()) return s.status();
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return core::Status::Ok();
    const Statement& r = s.value();
    auto choice = core::ParseChoice(r.ColumnText(2));
    if (!choice) return Damaged(db, "ballot \"" + r.ColumnText(2) + "\"");
    for (core::Vote& v : votes) {
      if (v.id == r.ColumnInt(0))
        v.ballots.push_back({r.ColumnText(1), *choice, FromSeconds(r.ColumnInt(3))});
    }
  }
}

}  // namespace

core::Result<std::vector<core::RosterEntry>> SelectRoster(SqliteConnection& db) {
  core::Result<Statement> s =
      db.Prepare(std::string("SELECT ") + kMemberColumns + " FROM members ORDER BY joined_at, user",
                 "read roster");
  if (!s.ok()) return s.status();
  std::vector<core::RosterEntry> out;
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    core::Result<core::RosterEntry> e = ReadMember(db, s.value());
    if (!e.ok()) return e.status();
    out.push_back(std::move(e).value());
  }
}

core::Status UpsertMember(SqliteConnection& db, const core::RosterEntry& e) {
  core::Result<Statement> s = db.Prepare(
      std::string("INSERT OR REPLACE INTO members (") + kMemberColumns +
          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
      "write member");
  if (!s.ok()) return s.status();
  Statement& w = s.value();
  w.BindText(1, e.user).BindText(2, e.vendor).BindText(3, e.github);
  w.BindInt(4, Seconds(e.joined_at)).BindText(5, core::MemberStatusName(e.status));
  w.BindOptionalInt(6, Seconds(e.until))
      .BindText(7, e.covers)
      .BindOptionalInt(8, Seconds(e.left_at));
  if (e.leave) {
    w.BindInt(9, Seconds(e.leave->from)).BindInt(10, Seconds(e.leave->until));
    w.BindText(11, e.leave->cover);
  } else {
    w.BindNull(9).BindNull(10).BindText(11, "");
  }
  if (e.hours) {
    w.BindText(12, e.hours->zone).BindInt(13, e.hours->start_hour).BindInt(14, e.hours->end_hour);
  } else {
    w.BindText(12, "").BindNull(13).BindNull(14);
  }
  w.BindOptionalInt(15, Seconds(e.last_active_at));
  w.BindOptionalInt(16, Seconds(e.inactivity_flagged_at));
  return w.Run();
}

core::Result<std::vector<core::Vote>> SelectVotes(SqliteConnection& db) {
  core::Result<Statement> s =
      db.Prepare(std::string("SELECT ") + kVoteColumns + " FROM votes ORDER BY id", "read votes");
  if (!s.ok()) return s.status();
  std::vector<core::Vote> out;
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    core::Result<core::Vote> v = ReadVote(db, s.value());
    if (!v.ok()) return v.status();
    out.push_back(std::move(v).value());
  }
  if (core::Status st = LoadBallots(db, out); !st.ok()) return st;
  return out;
}

core::Status UpsertVote(SqliteConnection& db, const core::Vote& v) {
  // Ballots point at their vote: they go first, so the vote row can be replaced.
  core::Result<Statement> clear =
      db.Prepare("DELETE FROM ballots WHERE vote_id = ?1", "write vote");
  if (!clear.ok()) return clear.status();
  clear.value().BindInt(1, v.id);
  if (core::Status st = clear.value().Run(); !st.ok()) return st;
  core::Result<Statement> s = db.Prepare(
      std::string("INSERT OR REPLACE INTO votes (") + kVoteColumns +
          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
      "write vote");
  if (!s.ok()) return s.status();
  Statement& w = s.value();
  w.BindInt(1, v.id).BindText(2, v.topic).BindText(3, core::VoteKindName(v.kind));
  w.BindBool(4, v.converted).BindInt(5, v.window.count()).BindText(6, v.opened_by);
  w.BindInt(7, Seconds(v.opened_at)).BindInt(8, Seconds(v.deadline));
  w.BindText(9, core::VoteStateName(v.state)).BindOptionalInt(10, Seconds(v.closed_at));
  w.BindText(11, v.result).BindText(12, core::VoteActionName(v.action)).BindText(13, v.subject);
  w.BindText(14, v.vendor).BindText(15, v.github).BindOptionalInt(16, Seconds(v.applied_at));
  w.BindText(17, v.applied_by);
  if (core::Status st = w.Run(); !st.ok()) return st;
  core::Result<Statement> b = db.Prepare(
      "INSERT INTO ballots (vote_id, voter, choice, cast_at, position) VALUES (?1, ?2, ?3, ?4, ?5)",
      "write ballot");
  if (!b.ok()) return b.status();
  for (std::size_t i = 0; i < v.ballots.size(); ++i) {
    const core::Ballot& ballot = v.ballots[i];
    b.value().Reset();
    b.value()
        .BindInt(1, v.id)
        .BindText(2, ballot.voter)
        .BindText(3, core::ChoiceName(ballot.choice));
    b.value().BindInt(4, Seconds(ballot.at)).BindInt(5, static_cast<std::int64_t>(i));
    if (core::Status st = b.value().Run(); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Result<core::VoteId> NextVoteId(SqliteConnection& db) {
  core::Result<Statement> s = db.Prepare("SELECT coalesce(max(id), 0) + 1 FROM votes", "next vote");
  if (!s.ok()) return s.status();
  core::Result<bool> row = s.value().Step();
  if (!row.ok()) return row.status();
  return s.value().ColumnInt(0);
}

core::Status InsertCommitteeEvents(SqliteConnection& db,
                                   const std::vector<core::CommitteeEvent>& events) {
  if (events.empty()) return core::Status::Ok();
  core::Result<Statement> s = db.Prepare(
      "INSERT INTO committee_timeline (at, actor, kind, text, vote_id) VALUES (?1, ?2, ?3, ?4, ?5)",
      "write committee timeline");
  if (!s.ok()) return s.status();
  for (const core::CommitteeEvent& e : events) {
    s.value().Reset();
    s.value()
        .BindInt(1, Seconds(e.at))
        .BindText(2, e.actor)
        .BindText(3, e.kind)
        .BindText(4, e.text);
    if (e.vote == 0) {
      s.value().BindNull(5);
    } else {
      s.value().BindInt(5, e.vote);
    }
    if (core::Status st = s.value().Run(); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::CommitteeEvent>> SelectCommitteeTimeline(SqliteConnection& db,
                                                                        int limit) {
  core::Result<Statement> s = db.Prepare(
      "SELECT at, actor, kind, text, vote_id FROM (SELECT * FROM committee_timeline "
      "ORDER BY id DESC LIMIT ?1) ORDER BY id",
      "read committee timeline");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, limit);
  std::vector<core::CommitteeEvent> out;
  for (;;) {
    core::Result<bool> row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return out;
    const Statement& r = s.value();
    out.push_back({FromSeconds(r.ColumnInt(0)), r.ColumnText(1), r.ColumnText(2), r.ColumnText(3),
                   r.ColumnOptionalInt(4).value_or(0)});
  }
}

}  // namespace srcbot::store
