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

// Schema v9: answering key requests (docs/mail.md, "Key requests").
// key_replies holds, per sender (the From address lower-cased: addresses
// compare without regard to case), when srcbot last sent them the SRC's
// public key, so the once-a-day rule survives restarts. A key reply to a
// bare request belongs to no case, so mail_outbox.case_id becomes nullable:
// SQLite cannot drop a NOT NULL, so the table is rebuilt with the same
// columns, rows, ids and AUTOINCREMENT counter. mail_outbox_attachments
// keeps what a queued mail attaches (the key), sent as it was queued.
constexpr const char* kSchemaV9 = R"sql(
CREATE TABLE key_replies (
  sender     TEXT    PRIMARY KEY,
  sent_at    INTEGER NOT NULL,
  message_id TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE mail_outbox_v9 (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      INTEGER REFERENCES cases(id),
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
INSERT INTO mail_outbox_v9 (id, case_id, kind, message_id, from_address, from_name, recipients,
  subject, in_reply_to, refs, auto_replied, body, date, created_at, not_before, state, attempts,
  note, updated_at)
SELECT id, case_id, kind, message_id, from_address, from_name, recipients, subject, in_reply_to,
  refs, auto_replied, body, date, created_at, not_before, state, attempts, note, updated_at
FROM mail_outbox;
DELETE FROM sqlite_sequence WHERE name = 'mail_outbox_v9';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'mail_outbox_v9', seq FROM sqlite_sequence WHERE name = 'mail_outbox';
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_v9 RENAME TO mail_outbox;
CREATE INDEX mail_outbox_pending ON mail_outbox(not_before, id) WHERE state = 'pending';
CREATE TABLE mail_outbox_attachments (
  mail_id      INTEGER NOT NULL REFERENCES mail_outbox(id),
  position     INTEGER NOT NULL,
  name         TEXT    NOT NULL DEFAULT '',
  content_type TEXT    NOT NULL,
  content      BLOB    NOT NULL,
  PRIMARY KEY (mail_id, position)
) WITHOUT ROWID;
)sql";

}  // namespace

std::vector<Migration> MailSchemaMigrations() {
  return {
      {8, "mail: received messages, attachments, the mail outbox", kSchemaV8},
      {9, "mail: key replies, mail about no case, outbox attachments", kSchemaV9},
  };
}

}  // namespace srcbot::store
