#pragma once
// The mapping between core::Case / core::Event and the cases, case_team and
// timeline tables (schema v1 in migrations.cc). These functions run single
// statements on a connection the caller holds; they open no transaction, so a
// caller writing a case and its team together wraps them in one.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <optional>
#include <vector>

#include "core/case.h"
#include "core/event.h"
#include "core/result.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// The id the next case gets: one past the highest id ever allocated, as
// recorded by AUTOINCREMENT's counter in sqlite_sequence, so the id of a
// deleted case is never handed out again. Call inside the write transaction
// that will insert the case, so that no other writer can take the same id.
core::Result<core::CaseId> NextCaseId(SqliteConnection& db);

// Inserts the case row and its team rows (team order is kept).
core::Status InsertCase(SqliteConnection& db, const core::Case& c);
// Rewrites the case row and replaces its team rows. kNotFound when there is no such case.
core::Status UpdateCase(SqliteConnection& db, const core::Case& c);
// The case with its team, or nullopt when there is no such case. kInternal
// when a stored enum name is unknown to this build.
core::Result<std::optional<core::Case>> SelectCase(SqliteConnection& db, core::CaseId id);
// Cases ordered by id; open ones only (stage != closed) unless include_closed.
core::Result<std::vector<core::Case>> SelectCases(SqliteConnection& db, bool include_closed);

// Appends events to the timeline in the given order. Each event's case_id
// must name an existing case (a foreign key).
core::Status InsertEvents(SqliteConnection& db, const std::vector<core::Event>& events);
// The case's events in insertion order (timeline.id).
core::Result<std::vector<core::Event>> SelectTimeline(SqliteConnection& db, core::CaseId id);

}  // namespace srcbot::store
