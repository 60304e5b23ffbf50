#include "store/group_commit.h"

#include <string>

namespace srcbot::store {

core::Status InSavepoint(SqliteConnection& db, const char* name,
                         const std::function<core::Status()>& work) {
  if (core::Status s = db.Run(std::string("SAVEPOINT ") + name, "savepoint"); !s.ok()) return s;
  core::Status result = work ? work() : core::Status::Internal("savepoint: no work");
  if (result.ok()) {
    if (core::Status s = db.Run(std::string("RELEASE ") + name, "release savepoint"); !s.ok()) {
      result = s;
    } else {
      return result;
    }
  }
  // After some errors (SQLITE_FULL, I/O) SQLite has already rolled back the
  // whole transaction; then there is no savepoint left to go back to.
  if (db.InTransaction()) {
    core::Status s = db.Run(std::string("ROLLBACK TO ") + name, "roll back savepoint");
    if (s.ok()) s = db.Run(std::string("RELEASE ") + name, "roll back savepoint");
    if (!s.ok()) return s;
  }
  return result;
}

core::Status GroupCommit::Write(std::string_view operation,
                                const std::function<core::Status()>& work) {
  arriving_.fetch_add(1);
  std::unique_lock<std::mutex> lock(mu_);
  arriving_.fetch_sub(1);
  if (!open_) {
    if (core::Status s = db_.Run("BEGIN IMMEDIATE", std::string(operation) + " (begin)");
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
    // Wait on the batch itself, not on mu_: woken writers then return at
    // once instead of queueing for the connection behind the next batch.
    lock.unlock();
    mine->done.wait(false);
    return mine->status;
  }
  CommitLocked();
  return result.ok() ? mine->status : result;
}

void GroupCommit::CommitLocked() {
  if (!open_) return;
  core::Status s = db_.Run("COMMIT", "commit");
  if (!s.ok() && db_.InTransaction()) (void)db_.Run("ROLLBACK", "rollback");
  FinishLocked(s);
}

void GroupCommit::FinishLocked(const core::Status& status) {
  if (!open_) return;
  open_->status = status;
  if (open_->writers > 0) batches_.fetch_add(1);
  open_->done.store(true);
  open_->done.notify_all();
  open_.reset();
}

}  // namespace srcbot::store
