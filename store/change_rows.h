#pragma once
// Writing one core::Change inside the caller's transaction, the same way in
// every store that commits changes (SqliteCaseStore, SqliteAdvisoryStore,
// SqliteMailStore): the case row, its timeline events, the reminder mark, the
// outbox messages and the mail outbox rows — all or nothing with the
// caller's own rows.

#include <string>

#include "core/change.h"
#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// Fills the ids a change may leave at 0 (the case's, its events' and mails')
// with `id`, refuses (kInternal) a change to another case, and writes it:
// InsertCase when `created`, else UpdateCase. Messages and mails are stamped
// `now`.
core::Status WriteChange(SqliteConnection& db, core::Change& change, core::CaseId id, bool created,
                         core::TimePoint now);

// Writes a change about no case (`change.after.id` 0): its messages and
// mails (which stay on no case: InsertMails allows only key replies there).
// kInternal for a change that names a case or holds events: with no case
// there is no timeline to add them to, and dropping them would be silent.
core::Status WriteCaselessChange(SqliteConnection& db, const core::Change& change,
                                 core::TimePoint now);

// Runs a caller's callback; its exceptions become kInternal so that none
// crosses the store's boundary (the open transaction is rolled back by its
// guard). The exception's text is left out: status messages reach Slack users
// as they are, and a library's message may quote the data it choked on.
template <class F, class... Args>
core::Result<core::Change> InvokeRule(const F& callback, const std::string& what,
                                      const Args&... args) {
  if (!callback) return core::Status::Internal(what + ": no callback");
  try {
    return callback(args...);
  } catch (...) {
    return core::Status::Internal(what + " failed: unexpected exception");
  }
}

}  // namespace srcbot::store
