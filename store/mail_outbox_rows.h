#pragma once
// The mapping between queued mail and the mail outbox (schema v8, and v9's
// nullable case and attachments, in schema_mail.cc): mail_outbox and
// mail_outbox_attachments. Like outbox_rows.h these open no transaction;
// the caller's holds them together with the case change.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <cstdint>
#include <vector>

#include "core/mail_outbox.h"
#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// Queues `mails` as pending, created_at = not_before = now, with their
// attachments. A mail on case 0 is stored on no case (NULL): only a key
// reply may be (kInternal for any other kind); kConflict when its
// Message-ID was queued before.
core::Status InsertMails(SqliteConnection& db, const std::vector<core::QueuedMail>& mails,
                         core::TimePoint now);
// Up to `limit` pending mails with not_before <= now, oldest first, with
// their attachments; a mail on no case has case_id 0.
core::Result<std::vector<core::MailOutboxItem>> SelectDueMails(SqliteConnection& db,
                                                               core::TimePoint now, int limit);
// How many mails are pending (for a drain at exit and the tests).
core::Result<std::int64_t> CountPendingMails(SqliteConnection& db);
// Sets state and note, counts one more attempt and stamps updated_at; for a
// pending mail also its next try. kNotFound when there is no such mail.
core::Status UpdateMailRow(SqliteConnection& db, std::int64_t id, core::MailState state,
                           const std::string& note, core::TimePoint not_before,
                           core::TimePoint now);
// The case of mail `id` (0: a mail on no case); kNotFound when there is no
// such mail.
core::Result<core::CaseId> MailCase(SqliteConnection& db, std::int64_t id);

}  // namespace srcbot::store
