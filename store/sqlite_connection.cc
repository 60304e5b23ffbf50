#include "store/sqlite_connection.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <utility>

namespace srcbot::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// SQLite would create a missing file 0644; the store holds embargoed reports,
// so create it owner-only first (SQLite gives -wal/-shm the same mode). Any
// failure here (exists, missing directory) is left for sqlite3_open_v2 to report.
void CreatePrivately(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
}

}  // namespace

core::Code CodeFor(int sqlite_rc) {
  switch (sqlite_rc & 0xff) {  // the primary code of an extended result code
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_NOLFS:
    case SQLITE_PROTOCOL:
      return core::Code::kUnavailable;
    default:
      return core::Code::kInternal;
  }
}

// --- Statement ---------------------------------------------------------------

Statement::Statement(SqliteConnection* db, sqlite3_stmt* stmt, std::string operation,
                     const std::string* sql)
    : db_(db), stmt_(stmt), sql_(sql), operation_(std::move(operation)) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      sql_(other.sql_),
      operation_(std::move(other.operation_)),
      bind_rc_(other.bind_rc_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Dispose();
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    sql_ = other.sql_;
    operation_ = std::move(other.operation_);
    bind_rc_ = other.bind_rc_;
  }
  return *this;
}

Statement::~Statement() { Dispose(); }

void Statement::Dispose() {
  sqlite3_stmt* stmt = std::exchange(stmt_, nullptr);
  if (stmt == nullptr) return;
  if (db_ != nullptr && sql_ != nullptr) {
    db_->Recycle(sql_, stmt);
  } else {
    sqlite3_finalize(stmt);
  }
}

void Statement::NoteBind(int rc) {
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
}

Statement& Statement::BindInt(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Statement& Statement::BindText(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the bytes, so callers may pass temporaries.
  NoteBind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  NoteBind(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::BindNull(int index) {
  NoteBind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::BindOptionalInt(int index, const std::optional<std::int64_t>& value) {
  return value ? BindInt(index, *value) : BindNull(index);
}

Statement& Statement::BindOptionalDouble(int index, const std::optional<double>& value) {
  return value ? BindDouble(index, *value) : BindNull(index);
}

core::Result<bool> Statement::Step() {
  if (bind_rc_ != 0) return db_->Error(bind_rc_, operation_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(rc, operation_);
}

core::Status Statement::Run() {
  for (;;) {
    core::Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return core::Status::Ok();
  }
}

void Statement::Reset() { sqlite3_reset(stmt_); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::int64_t> Statement::ColumnOptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnInt(column);
}

std::optional<double> Statement::ColumnOptionalDouble(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnDouble(column);
}

// --- SqliteConnection ----------------------------------------------------------

core::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                       Mode mode) {
  // NOMUTEX: the owner serializes whole transactions with its own mutex, which
  // SQLite's per-call locking (FULLMUTEX) could not do; a second lock would
  // only add cost. EXRESCODE gives extended codes from sqlite3_open_v2 itself.
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  switch (mode) {
    case Mode::kReadWriteCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
  }
  if (mode == Mode::kReadWriteCreate) CreatePrivately(path);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // Even a failed open may allocate a handle, which owns the error message.
  std::unique_ptr<SqliteConnection> db(new SqliteConnection(raw, path));
  if (rc != SQLITE_OK) {
    if (raw == nullptr) return core::Status(CodeFor(rc), path + ": open failed: out of memory");
    core::Status error = db->Error(rc, "open");
    if ((rc & 0xff) != SQLITE_CANTOPEN) return error;
    const char* hint = mode == Mode::kReadWriteCreate
                           ? " (does the directory exist, and may srcbot write to it?)"
                           : " (does the file exist, and may srcbot read it?)";
    return core::Status(error.code(), error.message() + hint);
  }
  // SQLite quietly falls back to read-only when the file is not writable; the
  // store would then fail on its first write with a less helpful message.
  if (mode != Mode::kReadOnly && sqlite3_db_readonly(raw, "main") == 1) {
    return core::Status::Unavailable(path + ": open failed: the file is read-only");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // foreign_keys is a per-connection flag; setting it does not touch the file.
  if (core::Status s = db->Exec("PRAGMA foreign_keys = ON", "enable foreign keys"); !s.ok()) {
    return s;
  }
  return db;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmts] : idle_) {
    for (sqlite3_stmt* stmt : stmts) sqlite3_finalize(stmt);
  }
  sqlite3_close_v2(db_);
}

void SqliteConnection::Recycle(const std::string* sql, sqlite3_stmt* stmt) {
  // A reset statement holds no read lock and no bound data (the bytes of a
  // case stay only as long as the call that bound them).
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto it = idle_.find(*sql);
  if (it == idle_.end() || it->second.size() >= kMaxIdlePerSql) {
    sqlite3_finalize(stmt);
    return;
  }
  it->second.push_back(stmt);
}

core::Status SqliteConnection::Error(int rc, std::string_view operation) const {
  std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  return core::Status(CodeFor(rc), path_ + ": " + std::string(operation) + " failed: " + detail);
}

core::Status SqliteConnection::Exec(const char* sql, std::string_view operation) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(rc, operation);
  return core::Status::Ok();
}

core::Result<Statement> SqliteConnection::Prepare(std::string_view sql,
                                                  std::string_view operation) {
  auto it = idle_.find(std::string(sql));
  if (it != idle_.end() && !it->second.empty()) {
    sqlite3_stmt* stmt = it->second.back();
    it->second.pop_back();
    return Statement(this, stmt, std::string(operation), &it->first);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error(rc, operation);
  }
  if (it == idle_.end() && idle_.size() < kMaxCachedSql) {
    it = idle_.try_emplace(std::string(sql)).first;
  }
  // Keys of an unordered_map stay where they are until erased, and none is.
  const std::string* key = it != idle_.end() ? &it->first : nullptr;
  return Statement(this, stmt, std::string(operation), key);
}

core::Status SqliteConnection::Run(std::string_view sql, std::string_view operation) {
  core::Result<Statement> s = Prepare(sql, operation);
  if (!s.ok()) return s.status();
  return s.value().Run();
}

std::int64_t SqliteConnection::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

int SqliteConnection::Changes() const { return sqlite3_changes(db_); }

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// --- Transaction ---------------------------------------------------------------

core::Result<Transaction> Transaction::Begin(SqliteConnection& db, Kind kind,
                                             std::string_view operation) {
  const char* sql = kind == Kind::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN";
  if (core::Status s = db.Exec(sql, std::string(operation) + " (begin)"); !s.ok()) return s;
  return Transaction(&db, std::string(operation));
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), operation_(std::move(other.operation_)) {}

Transaction::~Transaction() {
  // SQLite may already have rolled back on its own (after SQLITE_FULL, for
  // example); a second ROLLBACK would fail, so ask first.
  if (db_ != nullptr && db_->InTransaction()) {
    (void)db_->Exec("ROLLBACK", "rollback");
  }
}

core::Status Transaction::Commit() {
  if (db_ == nullptr) return core::Status::Internal("commit of a finished transaction");
  core::Status s = db_->Exec("COMMIT", operation_ + " (commit)");
  if (s.ok()) db_ = nullptr;
  return s;
}

}  // namespace srcbot::store
