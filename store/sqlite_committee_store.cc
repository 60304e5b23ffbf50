#include "store/sqlite_committee_store.h"

#include <chrono>
#include <optional>

#include "store/committee_rows.h"
#include "store/migrations.h"
#include "store/outbox_rows.h"

namespace srcbot::store {
namespace {

constexpr int kCommitteeSchema = 5;

}  // namespace

core::Result<std::unique_ptr<SqliteCommitteeStore>> SqliteCommitteeStore::Open(
    const std::string& path, const core::Clock& clock) {
  auto db = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite);
  if (!db.ok()) return db.status();
  // Small tables: a small page cache (the writer connection keeps SQLite's 2 MB).
  if (auto s = db.value()->Exec("PRAGMA cache_size = -256", "set cache size"); !s.ok()) return s;
  core::Result<int> version = SchemaVersion(*db.value());
  if (!version.ok()) return version.status();
  if (version.value() < kCommitteeSchema) {
    return core::Status::Unavailable(path + ": schema " + std::to_string(version.value()) +
                                     " has no committee tables; open it as the case store first");
  }
  // As the case store's connection: an acknowledged command survives power loss.
  if (core::Status s = db.value()->Exec("PRAGMA synchronous = FULL", "set durability"); !s.ok()) {
    return s;
  }
  return std::unique_ptr<SqliteCommitteeStore>(
      new SqliteCommitteeStore(std::move(db).value(), clock));
}

core::Result<core::Committee> SqliteCommitteeStore::LoadLocked() {
  core::Committee c;
  auto roster = SelectRoster(*db_);
  if (!roster.ok()) return roster.status();
  c.roster = std::move(roster).value();
  auto votes = SelectVotes(*db_);
  if (!votes.ok()) return votes.status();
  c.votes = std::move(votes).value();
  auto next = NextVoteId(*db_);
  if (!next.ok()) return next.status();
  c.next_vote_id = next.value();
  return c;
}

core::Status SqliteCommitteeStore::Write(const core::Committee& before,
                                         const core::CommitteeChange& change) {
  for (const core::RosterEntry& e : change.roster) {
    if (e.user.empty()) return core::Status::Internal("committee change: a member without a user");
    if (core::Status s = UpsertMember(*db_, e); !s.ok()) return s;
  }
  for (const core::Vote& v : change.votes) {
    if (v.id != before.next_vote_id && before.FindVote(v.id) == nullptr) {
      return core::Status::Internal("committee change: vote #" + std::to_string(v.id) +
                                    " is neither existing nor the next");
    }
    if (core::Status s = UpsertVote(*db_, v); !s.ok()) return s;
  }
  if (core::Status s = InsertCommitteeEvents(*db_, change.events); !s.ok()) return s;
  return InsertMessages(*db_, change.messages, clock_.Now());
}

core::Result<core::CommitteeChange> SqliteCommitteeStore::UpdateCommittee(
    const CommitteeMutation& mutate) {
  if (!mutate) return core::Status::Internal("update committee: no callback");
  std::lock_guard<std::mutex> lock(mu_);
  stamped_.clear();  // the roster may change under them
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, "update committee");
  if (!txn.ok()) return txn.status();
  auto before = LoadLocked();
  if (!before.ok()) return before.status();
  core::Result<core::CommitteeChange> change = core::Status::Internal("update committee");
  // The mutation's exception text stays out: statuses reach Slack users as-is.
  try {
    change = mutate(before.value());
  } catch (...) {
    return core::Status::Internal("update committee failed: unexpected exception");
  }
  if (!change.ok()) return change.status();  // the guard rolls back: nothing written
  if (change.value().empty()) return change;
  if (core::Status s = Write(before.value(), change.value()); !s.ok()) return s;
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  return change;
}

core::Result<core::Committee> SqliteCommitteeStore::LoadCommittee() {
  std::lock_guard<std::mutex> lock(mu_);
  // One snapshot: the roster and the votes agree even while another process writes.
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kDeferred, "load committee");
  if (!txn.ok()) return txn.status();
  return LoadLocked();
}

core::Status SqliteCommitteeStore::RecordActivity(const core::UserId& user, core::TimePoint at) {
  // Every member's command lands here. Inactivity is judged in months, so a
  // stamp less than an hour old is left alone, and known without a write: a
  // write would wait for the write lock the case store's batch holds
  // (measured: it serialized every command behind one fsync each).
  const core::TimePoint fresh_after = at - std::chrono::hours(1);
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = stamped_.find(user);
      it != stamped_.end() && it->second > fresh_after && it->second <= at) {
    return core::Status::Ok();
  }
  auto read = db_->Prepare("SELECT last_active_at FROM members WHERE user = ?1", "read activity");
  if (!read.ok()) return read.status();
  read.value().BindText(1, user);
  core::Result<bool> row = read.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return core::Status::Ok();  // not on the roster
  std::optional<std::int64_t> last = read.value().ColumnOptionalInt(0);
  read.value().Reset();
  if (last) {
    core::TimePoint stamp{core::Duration(*last)};
    if (stamp > fresh_after) {
      stamped_[user] = stamp;
      return core::Status::Ok();
    }
  }
  auto s = db_->Prepare(
      "UPDATE members SET last_active_at = ?2 WHERE user = ?1 AND "
      "(last_active_at IS NULL OR last_active_at < ?2)",
      "record activity");
  if (!s.ok()) return s.status();
  s.value().BindText(1, user).BindInt(2, at.time_since_epoch().count());
  if (core::Status st = s.value().Run(); !st.ok()) return st;
  if (db_->Changes() == 1) stamped_[user] = at;
  return core::Status::Ok();
}

core::Result<std::vector<core::CommitteeEvent>> SqliteCommitteeStore::CommitteeTimeline(int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectCommitteeTimeline(*db_, limit);
}

}  // namespace srcbot::store
