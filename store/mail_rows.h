#pragma once
// The mapping between mail values and the mail tables (schema v8 in
// migrations.cc): the mail outbox and the received messages. Like
// outbox_rows.h these open no transaction; the caller's holds them together
// with the case change.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/mail.h"
#include "core/mail_compose.h"
#include "core/mail_outbox.h"
#include "core/mail_thread.h"
#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// The mail outbox.
// Queues `mails` as pending, created_at = not_before = now. kInternal for a
// mail without a case; kConflict when its Message-ID was queued before.
core::Status InsertMails(SqliteConnection& db, const std::vector<core::QueuedMail>& mails,
                         core::TimePoint now);
// Up to `limit` pending mails with not_before <= now, oldest first.
core::Result<std::vector<core::MailOutboxItem>> SelectDueMails(SqliteConnection& db,
                                                               core::TimePoint now, int limit);
// How many mails are pending (for a drain at exit and the tests).
core::Result<std::int64_t> CountPendingMails(SqliteConnection& db);
// Sets state and note, counts one more attempt and stamps updated_at; for a
// pending mail also its next try. kNotFound when there is no such mail.
core::Status UpdateMailRow(SqliteConnection& db, std::int64_t id, core::MailState state,
                           const std::string& note, core::TimePoint not_before,
                           core::TimePoint now);
// The case of mail `id`; kNotFound when there is none.
core::Result<core::CaseId> MailCase(SqliteConnection& db, std::int64_t id);

// Received messages.
struct ReceivedRow {
  std::string key;     // Message-ID, or "sha256:<hex>"
  std::string action;  // "new-case", "append", "record-only", "unreadable"
  std::string note;
  core::InboundMail mail;
  core::TimePoint arrival{};
};
// True when a message with this key was recorded.
core::Result<bool> ReceivedSeen(SqliteConnection& db, const std::string& key);
// Records `row` (on `case_id`, 0 for none) with its attachments.
core::Status InsertReceived(SqliteConnection& db, const ReceivedRow& row, core::CaseId case_id,
                            core::TimePoint now);
// What threading needs to know about `keys` (core::ClassifyInbound).
core::Result<core::KnownThreads> SelectKnown(SqliteConnection& db, const core::ThreadKeys& keys);
// The reporter and their latest message on case `id`; nullopt when the case
// came by no mail.
core::Result<std::optional<core::ReporterThread>> SelectThread(SqliteConnection& db,
                                                               core::CaseId id);

}  // namespace srcbot::store
