#include "store/sqlite_case_store.h"

#include <utility>

#include "store/case_rows.h"
#include "store/change_rows.h"
#include "store/outbox_rows.h"
#include "store/reminder_rows.h"

namespace srcbot::store {
namespace {

struct Opened {
  std::unique_ptr<SqliteConnection> db;
  MigrationReport report;
};

core::Status SetDurability(SqliteConnection& db) {
  // WAL: readers (the outbox worker, `list`) never wait for the writer, and a
  // commit is one append to the log. FULL: with WAL, NORMAL may lose the last
  // commits on power loss; an acknowledged command must survive that.
  core::Result<Statement> wal = db.Prepare("PRAGMA journal_mode = WAL", "enable WAL");
  if (!wal.ok()) return wal.status();
  core::Result<bool> row = wal.value().Step();
  if (!row.ok()) return row.status();
  std::string mode = row.value() ? wal.value().ColumnText(0) : "";
  if (mode != "wal" && mode != "memory") {  // "memory": an in-memory database for tools
    return core::Status::Unavailable(db.path() + ": enable WAL failed: journal mode stayed '" +
                                     mode + "'");
  }
  if (core::Status s = db.Exec("PRAGMA synchronous = FULL", "set synchronous"); !s.ok()) return s;
  // 1 MiB of pages (SQLite's default is 2): a command touches a few dozen
  // pages; the rest is in the kernel's file cache, outside our memory.
  return db.Exec("PRAGMA cache_size = -1024", "set cache size");
}

// The one way the store's file is opened, shared by Open and Migrate. The
// order matters: the schema version is read before anything is written, so a
// file that is not a database, or one from a newer build, is left as it was
// (switching to WAL alone would rewrite the header).
core::Result<Opened> OpenDatabase(const std::string& path) {
  core::Result<std::unique_ptr<SqliteConnection>> db =
      SqliteConnection::Open(path, SqliteConnection::Mode::kReadWriteCreate);
  if (!db.ok()) return db.status();
  SqliteConnection& conn = *db.value();
  core::Result<int> version = SchemaVersion(conn);
  if (!version.ok()) return version.status();
  if (version.value() > LatestSchemaVersion()) {
    return NewerSchemaError(path, version.value(), LatestSchemaVersion());
  }
  if (core::Status s = SetDurability(conn); !s.ok()) return s;
  core::Result<MigrationReport> report = ApplyMigrations(conn);
  if (!report.ok()) return report.status();
  return Opened{std::move(db).value(), std::move(report).value()};
}

}  // namespace

core::Result<std::unique_ptr<SqliteCaseStore>> SqliteCaseStore::Open(const std::string& path,
                                                                     const core::Clock& clock) {
  core::Result<Opened> opened = OpenDatabase(path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<SqliteCaseStore> store(new SqliteCaseStore(std::move(opened.value().db), clock));
  // A second connection to an in-memory database would see another, empty
  // one: such a store (for tools) has no committee and reads through the
  // writer, and says so.
  if (path.empty() || path == ":memory:") return store;
  // Reads get a connection of their own: under WAL it sees only committed,
  // hence durable, data and never waits for the writer's fsync.
  auto reader = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite);
  if (!reader.ok()) return reader.status();
  // A small page cache: the hot pages (members, index roots) fit, and the
  // kernel's file cache holds the rest without counting in our memory.
  if (auto s = reader.value()->Exec("PRAGMA query_only = ON; PRAGMA cache_size = -512",
                                    "open reader");
      !s.ok()) {
    return s;
  }
  store->reader_ = std::move(reader).value();
  auto committee = SqliteCommitteeStore::Open(path, clock);
  if (!committee.ok()) return committee.status();
  store->committee_ = std::move(committee).value();
  return store;
}

SqliteCaseStore::SqliteCaseStore(std::unique_ptr<SqliteConnection> db, const core::Clock& clock)
    : db_(std::move(db)), writes_(std::make_unique<GroupCommit>(*db_)), clock_(clock) {}

SqliteCaseStore::~SqliteCaseStore() = default;

core::Result<MigrationReport> SqliteCaseStore::Migrate(const std::string& path) {
  core::Result<Opened> opened = OpenDatabase(path);
  if (!opened.ok()) return opened.status();
  return std::move(opened.value().report);
}

core::Status SqliteCaseStore::WriteChange(core::Change& change, core::CaseId id, bool created) {
  return store::WriteChange(*db_, change, id, created, clock_.Now());
}

core::Result<core::Change> SqliteCaseStore::Create(const Creation& build) {
  core::Result<core::Change> change = core::Status::Internal("create case");
  core::Status s = writes_->Write("create case", [&]() -> core::Status {
    core::Result<core::CaseId> id = NextCaseId(*db_);
    if (!id.ok()) return id.status();
    change = InvokeRule(build, "create " + core::CaseRef(id.value()), id.value());
    if (!change.ok()) return change.status();  // the savepoint rolls back: nothing written
    return WriteChange(change.value(), id.value(), true);
  });
  if (!s.ok()) return s;
  return change;
}

core::Result<core::Change> SqliteCaseStore::Update(core::CaseId id, const Mutation& mutate) {
  const std::string what = "update " + core::CaseRef(id);
  core::Result<core::Change> change = core::Status::Internal(what);
  core::Status s = writes_->Write(what, [&]() -> core::Status {
    core::Result<std::optional<core::Case>> current = SelectCase(*db_, id);
    if (!current.ok()) return current.status();
    if (!current.value()) return core::Status::NotFound("no case " + core::CaseRef(id));
    change = InvokeRule(mutate, what, *current.value());
    if (!change.ok()) return change.status();
    return WriteChange(change.value(), id, false);
  });
  if (!s.ok()) return s;
  return change;
}

// Reads run in a deferred transaction so that a case and its team rows come
// from one snapshot even while another process writes.
core::Result<core::Case> SqliteCaseStore::Load(core::CaseId id) {
  return Reading([&](SqliteConnection& db) -> core::Result<core::Case> {
    core::Result<Transaction> txn = Transaction::Begin(db, Transaction::Kind::kDeferred, "load");
    if (!txn.ok()) return txn.status();
    core::Result<std::optional<core::Case>> c = SelectCase(db, id);
    if (!c.ok()) return c.status();
    if (!c.value()) return core::Status::NotFound("no case " + core::CaseRef(id));
    return std::move(*c.value());
  });
}

core::Result<std::vector<core::Case>> SqliteCaseStore::List(bool include_closed) {
  return Reading([&](SqliteConnection& db) -> core::Result<std::vector<core::Case>> {
    core::Result<Transaction> txn = Transaction::Begin(db, Transaction::Kind::kDeferred, "list");
    if (!txn.ok()) return txn.status();
    return SelectCases(db, include_closed);
  });
}

core::Result<std::vector<core::Event>> SqliteCaseStore::Timeline(core::CaseId id) {
  return Reading([&](SqliteConnection& db) -> core::Result<std::vector<core::Event>> {
    core::Result<Transaction> txn =
        Transaction::Begin(db, Transaction::Kind::kDeferred, "timeline");
    if (!txn.ok()) return txn.status();
    core::Result<std::optional<core::Case>> c = SelectCase(db, id);
    if (!c.ok()) return c.status();
    if (!c.value()) return core::Status::NotFound("no case " + core::CaseRef(id));
    return SelectTimeline(db, id);
  });
}

core::Result<std::vector<core::Member>> SqliteCaseStore::Members() {
  return Reading([&](SqliteConnection& db) -> core::Result<std::vector<core::Member>> {
    // The embargo guard trusts this list: full members (on leave too) and
    // temporary members inside their period (core::HasSrcRights), nobody else.
    core::Result<Statement> s = db.Prepare(
        "SELECT user, vendor, github, joined_at FROM members WHERE status = 'active' OR "
        "(status = 'temporary' AND joined_at <= ?1 AND until > ?1) ORDER BY joined_at, user",
        "list members");
    if (!s.ok()) return s.status();
    s.value().BindInt(1, clock_.Now().time_since_epoch().count());
    std::vector<core::Member> out;
    for (;;) {
      core::Result<bool> row = s.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return out;
      const Statement& r = s.value();
      out.push_back({.user = r.ColumnText(0),
                     .vendor = r.ColumnText(1),
                     .github = r.ColumnText(2),
                     .joined_at = core::TimePoint(core::Duration(r.ColumnInt(3)))});
    }
  });
}

core::Status SqliteCaseStore::SeedMembers(const std::vector<core::UserId>& users,
                                          core::TimePoint now) {
  for (const core::UserId& u : users) {
    if (u.empty()) return core::Status::Invalid("seed members: empty user id");
  }
  return writes_->Exclusive([&] { return SeedMembersLocked(users, now); });
}

core::Status SqliteCaseStore::SeedMembersLocked(const std::vector<core::UserId>& users,
                                                core::TimePoint now) {
  core::Result<Transaction> txn =
      Transaction::Begin(*db_, Transaction::Kind::kImmediate, "seed members");
  if (!txn.ok()) return txn.status();
  core::Result<Statement> count = db_->Prepare("SELECT count(*) FROM members", "seed members");
  if (!count.ok()) return count.status();
  core::Result<bool> row = count.value().Step();
  if (!row.ok()) return row.status();
  // Seeding is a bootstrap: once the roster exists (even with only emeritus
  // members) `members` owns it, and --admins must not re-add anyone.
  std::int64_t existing = count.value().ColumnInt(0);
  count.value().Reset();
  if (existing > 0) return core::Status::Ok();
  core::Result<Statement> insert = db_->Prepare(
      "INSERT OR IGNORE INTO members (user, joined_at) VALUES (?1, ?2)", "seed members");
  if (!insert.ok()) return insert.status();
  for (const core::UserId& u : users) {
    insert.value().Reset();
    insert.value().BindText(1, u).BindInt(2, now.time_since_epoch().count());
    if (core::Status s = insert.value().Run(); !s.ok()) return s;
  }
  return txn.value().Commit();
}

core::Result<std::vector<core::OutboxItem>> SqliteCaseStore::PendingMessages(int limit) {
  return Reading([&](SqliteConnection& db) { return SelectPending(db, limit); });
}

core::Status SqliteCaseStore::MarkMessage(std::int64_t id, core::OutboxState state,
                                          const std::string& note) {
  return writes_->Write("mark message",
                        [&] { return UpdateMessage(*db_, id, state, note, clock_.Now()); });
}

core::Result<OutboxBacklog> SqliteCaseStore::Backlog() {
  return Reading([&](SqliteConnection& db) { return SelectBacklog(db); });
}

core::Result<bool> SqliteCaseStore::FirstDelivery(const std::string& event_id,
                                                  core::TimePoint now) {
  if (event_id.empty()) return core::Status::Invalid("event log: empty event id");
  bool first = false;
  core::Status s = writes_->Write("record event", [&]() -> core::Status {
    // Pruning now and then keeps the table at about two days of events
    // without a timer of its own; its failure only delays the cleanup.
    if (first_delivery_calls_++ % 100 == 0) {
      (void)InSavepoint(*db_, "prune", [&] { return PruneSeenEventsLocked(now); });
    }
    core::Result<Statement> insert = db_->Prepare(
        "INSERT OR IGNORE INTO seen_events (event_id, received_at) VALUES (?1, ?2)",
        "record event");
    if (!insert.ok()) return insert.status();
    insert.value().BindText(1, event_id).BindInt(2, now.time_since_epoch().count());
    if (core::Status st = insert.value().Run(); !st.ok()) return st;
    first = db_->Changes() == 1;
    return core::Status::Ok();
  });
  if (!s.ok()) return s;
  return first;
}

core::Status SqliteCaseStore::PruneSeenEvents(core::TimePoint now) {
  return writes_->Write("prune seen events", [&] { return PruneSeenEventsLocked(now); });
}

core::Status SqliteCaseStore::PruneSeenEventsLocked(core::TimePoint now) {
  core::Result<Statement> prune =
      db_->Prepare("DELETE FROM seen_events WHERE received_at < ?1", "prune seen events");
  if (!prune.ok()) return prune.status();
  prune.value().BindInt(1, (now - kSeenEventRetention).time_since_epoch().count());
  return prune.value().Run();
}

}  // namespace srcbot::store
