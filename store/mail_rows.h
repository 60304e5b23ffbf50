#pragma once
// The mapping between received mail and its tables (schema v8 in
// schema_mail.cc): mail_received and mail_attachments; the mail outbox is
// mail_outbox_rows.h. Like outbox_rows.h these open no transaction; the
// caller's holds them together with the case change.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/mail.h"
#include "core/mail_compose.h"
#include "core/mail_thread.h"
#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// Message-IDs hold no whitespace (core::IsValidMessageId): a list of them
// is kept as one column, separated by spaces. Shared with mail_outbox_rows.
std::string JoinMessageIds(const std::vector<std::string>& ids);
std::vector<std::string> SplitMessageIds(const std::string& text);

// Received messages.
struct ReceivedRow {
  std::string key;     // Message-ID, or "sha256:<hex>"
  std::string action;  // "new-case", "append", "record-only", "key-request", "unreadable"
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
