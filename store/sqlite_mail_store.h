#pragma once
// SqliteMailStore: core::MailStore on the same SQLite file as the cases
// (schema v9, docs/storage.md), through a connection of its own, as
// SqliteAdvisoryStore does: WAL and SQLite's locks (5 s busy timeout)
// serialize it with the case store's connection. Receive, RecordUnreadable
// and FinishMail each run in one BEGIN IMMEDIATE transaction.
//
// Thread safety: all methods may be called from any thread; one mutex
// serializes them, and a rule runs under it (it must not call back into this
// store). Nothing here throws.

#include <memory>
#include <mutex>
#include <string>

#include "core/mail_store.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

class SqliteMailStore : public core::MailStore {
 public:
  // Opens the existing database at `path`, which must be at schema 9 or later
  // (SqliteCaseStore::Open migrates it); kUnavailable otherwise.
  static core::Result<std::unique_ptr<SqliteMailStore>> Open(const std::string& path,
                                                             const core::Clock& clock);

  core::Result<core::KnownThreads> Known(const core::ThreadKeys& keys) override;
  core::Result<bool> Seen(const std::string& key) override;
  core::Result<std::optional<core::Change>> Receive(
      const core::ReceivedMail& record, const core::CaseStore::Creation& build,
      const core::CaseStore::Mutation& mutate) override;
  core::Result<bool> RecordUnreadable(const std::string& key, core::TimePoint arrival,
                                      const std::string& why,
                                      const std::vector<core::Message>& posts) override;
  core::Status Notify(const std::vector<core::Message>& posts) override;
  core::Result<std::optional<core::TimePoint>> LastKeyReply(const std::string& sender) override;
  core::Result<std::optional<core::ReporterThread>> Thread(core::CaseId id) override;
  core::Result<std::vector<core::MailOutboxItem>> DueMails(core::TimePoint now, int limit) override;
  core::Result<std::int64_t> PendingMails() override;
  core::Status RetryMail(std::int64_t id, core::TimePoint not_before,
                         const std::string& note) override;
  core::Result<core::Change> FinishMail(std::int64_t id, core::MailState state,
                                        const std::string& note,
                                        const core::CaseStore::Mutation& rule) override;

 private:
  SqliteMailStore(std::unique_ptr<SqliteConnection> db, const core::Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  // Loads case `id`, runs `rule` and writes its change, inside the caller's transaction.
  core::Result<core::Change> UpdateLocked(core::CaseId id, const core::CaseStore::Mutation& rule,
                                          const std::string& what);

  std::mutex mu_;
  std::unique_ptr<SqliteConnection> db_;  // guarded by mu_
  const core::Clock& clock_;
};

}  // namespace srcbot::store
