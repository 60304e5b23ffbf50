#pragma once
// The mapping between the reminders' state (core/reminder_store.h) and the
// case_reminders and oncall tables (schema v7 in migrations.cc). Like
// case_rows.h, these open no transaction: the caller holds one.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <vector>

#include "core/oncall.h"
#include "core/reminders.h"
#include "core/result.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// Marks case `id` as changed: the next tick looks at it (wake_at = 0).
core::Status MarkCaseChanged(SqliteConnection& db, core::CaseId id);
// Up to `limit` case ids with wake_at <= now, smallest wake_at first (through
// the case_reminders_wake index).
core::Result<std::vector<core::CaseId>> SelectDueCases(SqliteConnection& db, core::TimePoint now,
                                                       int limit);
// The case's state; an empty one when it has no row yet.
core::Result<core::ReminderState> SelectReminderState(SqliteConnection& db, core::CaseId id);
// Writes the case's state and its next wake time (nullopt: none).
core::Status WriteReminderState(SqliteConnection& db, core::CaseId id,
                                const core::ReminderState& state,
                                const std::optional<core::TimePoint>& wake_at);
// The time of the case's newest timeline event; `fallback` when it has none.
core::Result<core::TimePoint> SelectLastActivity(SqliteConnection& db, core::CaseId id,
                                                 core::TimePoint fallback);

// The on-call state; an empty one before the first `oncall set`.
core::Result<core::OnCall> SelectOnCall(SqliteConnection& db);
core::Status WriteOnCall(SqliteConnection& db, const core::OnCall& o);

// The `fired` column's text and back; unknown items are skipped.
std::string EncodeFired(const std::vector<core::FiredStep>& fired);
std::vector<core::FiredStep> DecodeFired(const std::string& text);

}  // namespace srcbot::store
