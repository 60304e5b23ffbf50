#include "store/group_commit.h"

#include <string>

namespace srcbot::store {

core::Status InSavepoint(SqliteConnection& db, const char* name,
                         const std::function<core::Status()>& work) {
  const std::string savepoint = std::string("SAVEPOINT ") + name;
  if (core::Status s = db.Exec(savepoint.c_str(), "savepoint"); !s.ok()) return s;
  core::Status result = work ? work() : core::Status::Internal("savepoint: no work");
  if (result.ok()) {
    const std::string release = std::string("RELEASE ") + name;
    if (core::Status s = db.Exec(release.c_str(), "release savepoint"); !s.ok()) {
      result = s;
    } else {
      return result;
    }
  }
  // After some errors (SQLITE_FULL, I/O) SQLite has already rolled back the
  // whole transaction; then there is no savepoint left to go back to.
  if (db.InTransaction()) {
    const std::string undo = std::string("ROLLBACK TO ") + name + "; RELEASE " + name;
    if (core::Status s = db.Exec(undo.c_str(), "roll back savepoint"); !s.ok()) return s;
  }
  return result;
}

core::Status GroupCommit::Write(std::string_view operation,
                                const std::function<core::Status()>& work) {
  arriving_.fetch_add(1);
  std::unique_lock<std::mutex> lock(mu_);
  arriving_.fetch_sub(1);
  if (!open_) {
    if (core::Status s = db_.Exec("BEGIN IMMEDIATE", std::string(operation) + " (begin)");
        !s.ok()) {
      return s;
    }
    open_ = std::make_shared<Batch>();
  }
  std::shared_ptr<Batch> mine = open_;
  core::Status result = InSavepoint(db_, "writer", work);
  if (result.ok()) {
    ++mine->writers;
    writers_.fetch_add(1);
  } else if (!db_.InTransaction()) {
    // SQLite gave up the whole transaction: the others' writes went with it.
    FinishLocked(core::Status::Unavailable(db_.path() + ": " + std::string(operation) +
                                           " failed and rolled back other commands' writes"));
    return result;
  }
  // Someone is about to join: let the last to join commit for everyone.
  if (arriving_.load() > 0 && mine->writers < kMaxBatch) {
    if (!result.ok()) return result;
    finished_.wait(lock, [&] { return mine->done; });
    return mine->status;
  }
  CommitLocked();
  return result.ok() ? mine->status : result;
}

void GroupCommit::CommitLocked() {
  if (!open_) return;
  core::Status s = db_.Exec("COMMIT", "commit");
  if (!s.ok() && db_.InTransaction()) (void)db_.Exec("ROLLBACK", "rollback");
  FinishLocked(s);
}

void GroupCommit::FinishLocked(const core::Status& status) {
  if (!open_) return;
  open_->done = true;
  open_->status = status;
  if (open_->writers > 0) batches_.fetch_add(1);
  open_.reset();
  finished_.notify_all();
}

}  // namespace srcbot::store
