// Schema versions 8 and later: mail. Append-only: a released migration is
// never edited (docs/storage.md).
#include "store/schema_migrations.h"

namespace srcbot::store {
namespace {

// Schema v8: mail (docs/mail.md). mail_received holds every message the
// intake read, keyed by its Message-ID (or "sha256:<hex>" of the raw bytes
// when it has none), so a crash between commit and folder move never makes a
// second case; its body and attachments (content only within
// --mail-max-bytes) are kept. The new-case row's From is the case's reporter
// address. mail_outbox is the outbox of mail, queued with the change that
// causes it; its Message-IDs are the ones "sent for a case" for threading.
constexpr const char* kSchemaV8 = R"sql(
CREATE TABLE mail_received (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  key          TEXT    NOT NULL UNIQUE,
  message_id   TEXT    NOT NULL DEFAULT '',
  case_id      INTEGER REFERENCES cases(id),
  action       TEXT    NOT NULL,
  from_address TEXT    NOT NULL DEFAULT '',
  from_name    TEXT    NOT NULL DEFAULT '',
  subject      TEXT    NOT NULL DEFAULT '',
  in_reply_to  TEXT    NOT NULL DEFAULT '',
  refs         TEXT    NOT NULL DEFAULT '',
  arrived_at   INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  body         TEXT    NOT NULL DEFAULT '',
  problems     TEXT    NOT NULL DEFAULT '',
  note         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX mail_received_message ON mail_received(message_id) WHERE message_id != '';
CREATE INDEX mail_received_case ON mail_received(case_id, id);
CREATE TABLE mail_attachments (
  received_id  INTEGER NOT NULL REFERENCES mail_received(id),
  position     INTEGER NOT NULL,
  name         TEXT    NOT NULL DEFAULT '',
  content_type TEXT    NOT NULL DEFAULT '',
  size         INTEGER NOT NULL,
  sha256       TEXT    NOT NULL,
  content      BLOB,
  PRIMARY KEY (received_id, position)
) WITHOUT ROWID;
CREATE TABLE mail_outbox (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  kind         TEXT    NOT NULL,
  message_id   TEXT    NOT NULL UNIQUE,
  from_address TEXT    NOT NULL,
  from_name    TEXT    NOT NULL DEFAULT '',
  recipients   TEXT    NOT NULL,
  subject      TEXT    NOT NULL DEFAULT '',
  in_reply_to  TEXT    NOT NULL DEFAULT '',
  refs         TEXT    NOT NULL DEFAULT '',
  auto_replied INTEGER NOT NULL DEFAULT 0,
  body         TEXT    NOT NULL DEFAULT '',
  date         INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  not_before   INTEGER NOT NULL,
  state        TEXT    NOT NULL DEFAULT 'pending',
  attempts     INTEGER NOT NULL DEFAULT 0,
  note         TEXT    NOT NULL DEFAULT '',
  updated_at   INTEGER NOT NULL
);
CREATE INDEX mail_outbox_pending ON mail_outbox(not_before, id) WHERE state = 'pending';
)sql";

}  // namespace

std::vector<Migration> MailSchemaMigrations() {
  return {
      {8, "mail: received messages, attachments, the mail outbox", kSchemaV8},
  };
}

}  // namespace srcbot::store
