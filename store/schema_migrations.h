#pragma once
// The SQL of each schema version, kept by area so that no file holds every
// table (Migrations() in migrations.h lists them in order). Internal to
// store/. Append-only: a released migration is never edited; a change is a
// new version at the end of the mail list (docs/storage.md).

#include <vector>

#include "store/migrations.h"

namespace srcbot::store {

// 1-7: cases, timeline, outbox, Slack delivery log, embargo decisions,
// governance, GitHub, reminders and on-call (schema_cases.cc).
std::vector<Migration> CaseSchemaMigrations();
// 8 and later: mail (schema_mail.cc).
std::vector<Migration> MailSchemaMigrations();

}  // namespace srcbot::store
