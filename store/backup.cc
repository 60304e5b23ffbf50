#include "store/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "store/sqlite_connection.h"

namespace srcbot::store {
namespace {

// A busy source (a writer checkpointing, another backup) is retried for about
// as long as the store's own busy timeout.
constexpr int kBusyRetries = 50;
constexpr int kBusySleepMs = 100;

// Creates `path` exclusively (O_EXCL), so a file that appears between a check
// and the copy is still never overwritten. 0600: the copy holds embargoed data.
core::Status ReserveDestination(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    int err = errno;
    if (err == EEXIST) return core::Status::Conflict(path + " exists");
    return core::Status::Unavailable(path + ": cannot create backup file: " + std::strerror(err));
  }
  ::close(fd);
  return core::Status::Ok();
}

core::Status Copy(SqliteConnection& source, SqliteConnection& dest) {
  std::string what = "backup of " + source.path() + " to " + dest.path();
  sqlite3_backup* backup = sqlite3_backup_init(dest.handle(), "main", source.handle(), "main");
  if (backup == nullptr) return dest.Error(sqlite3_errcode(dest.handle()), what);
  int rc = SQLITE_OK;
  for (int retries = 0; retries <= kBusyRetries;) {
    // -1: copy every page in one step, which reads one consistent snapshot.
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      ++retries;
      sqlite3_sleep(kBusySleepMs);
    } else if (rc != SQLITE_OK) {
      break;
    }
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return dest.Error(rc, what);
  return core::Status::Ok();
}

}  // namespace

core::Status BackupDatabase(const std::string& from_path, const std::string& to_path) {
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(to_path, ec))) {
    return core::Status::Conflict(to_path + " exists");
  }
  // Read-write when allowed, only so that closing the source can checkpoint and
  // remove the -wal/-shm files it may create; nothing is written to it.
  core::Result<std::unique_ptr<SqliteConnection>> source =
      SqliteConnection::Open(from_path, SqliteConnection::Mode::kReadWrite);
  if (!source.ok()) source = SqliteConnection::Open(from_path, SqliteConnection::Mode::kReadOnly);
  if (!source.ok()) return source.status();
  // Reading the schema proves the source is a database before a destination
  // file is created for it.
  if (core::Status s =
          source.value()->Exec("SELECT count(*) FROM sqlite_master", "read backup source");
      !s.ok()) {
    return s;
  }
  if (core::Status s = ReserveDestination(to_path); !s.ok()) return s;

  core::Status result;
  {
    core::Result<std::unique_ptr<SqliteConnection>> dest =
        SqliteConnection::Open(to_path, SqliteConnection::Mode::kReadWrite);
    result = dest.ok() ? Copy(*source.value(), *dest.value()) : dest.status();
  }  // the destination connection is closed before a failed copy is removed
  if (!result.ok()) {
    std::filesystem::remove(to_path, ec);
    std::filesystem::remove(to_path + "-journal", ec);
  }
  return result;
}

}  // namespace srcbot::store
