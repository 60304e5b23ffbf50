#pragma once
// GroupCommit: the write transactions of many threads on one SQLite
// connection, made durable by one shared COMMIT (group commit).
//
// Why: with synchronous=FULL every COMMIT waits for the disk (an fsync of the
// WAL), and that wait, not the work, bounds how many commands a second the
// bot can acknowledge. While one thread commits, the others queue for the
// connection; they all do their work in the next transaction and the last of
// them commits it for all. Every writer still returns only after its own
// writes are durable, so an ack never precedes its commit.
//
// Each writer's work runs in a SAVEPOINT of the shared transaction: a writer
// whose work fails undoes only its own writes. A failed COMMIT fails every
// writer of that batch (nothing of theirs was written).
//
// Thread safety: all methods may be called from any thread. The connection
// must be used only through this object while it exists.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// Runs `work` in a savepoint named `name` on `db` (a transaction must be
// open): released when work succeeds, rolled back to when it fails. Returns
// work's status, or the savepoint's own failure.
core::Status InSavepoint(SqliteConnection& db, const char* name,
                         const std::function<core::Status()>& work);

class GroupCommit {
 public:
  // A batch is committed once this many writers joined it even when more are
  // waiting, so no writer's latency grows without bound under a flood.
  static constexpr int kMaxBatch = 256;

  explicit GroupCommit(SqliteConnection& db) : db_(db) {}
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Runs `work` (which uses the connection, never opening a transaction of
  // its own) inside the shared write transaction. Returns work's status when
  // it failed (its writes undone); otherwise returns once the transaction
  // holding its writes is durable: OK, or the commit's failure.
  core::Status Write(std::string_view operation, const std::function<core::Status()>& work);

  // Runs `f` alone on the connection with no shared transaction open, as the
  // store did before batching: what is waiting to be committed is committed
  // first, so `f` sees only durable data and may open its own transaction.
  template <class F>
  auto Exclusive(F&& f) {
    std::unique_lock<std::mutex> lock(mu_);
    CommitLocked();
    return f();
  }

  // Commits in how many COMMITs, for the tests and the benchmark: writers
  // and batches since the start.
  std::int64_t writers() const { return writers_.load(); }
  std::int64_t batches() const { return batches_.load(); }

 private:
  struct Batch {
    int writers = 0;          // joined with work that succeeded; guarded by mu_
    core::Status status;      // written before `done` is set
    std::atomic<bool> done{false};
  };

  // Commits the open batch, if any, and wakes its writers. Needs mu_.
  void CommitLocked();
  // Ends the open batch with `status` (rolled back or failed). Needs mu_.
  void FinishLocked(const core::Status& status);

  SqliteConnection& db_;
  std::mutex mu_;                 // held while using the connection
  std::atomic<int> arriving_{0};      // writers waiting for mu_
  std::shared_ptr<Batch> open_;       // guarded by mu_; null: no transaction open
  std::atomic<std::int64_t> writers_{0};
  std::atomic<std::int64_t> batches_{0};
};

}  // namespace srcbot::store
