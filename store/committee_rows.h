#pragma once
// The mapping between the committee's core types (RosterEntry, Vote, Ballot,
// CommitteeEvent) and the members, votes, ballots and committee_timeline
// tables (schema v1 and v5 in migrations.cc). Like case_rows.h these run
// single statements on a connection the caller holds and open no transaction.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <vector>

#include "core/committee_store.h"
#include "core/result.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// Every members row, ordered by joined_at, then user. kInternal for a status
// name this build does not know.
core::Result<std::vector<core::RosterEntry>> SelectRoster(SqliteConnection& db);
// Inserts the row or replaces the one with the same user.
core::Status UpsertMember(SqliteConnection& db, const core::RosterEntry& e);

// Every vote with its ballots, ordered by id (ballots in the order first cast).
core::Result<std::vector<core::Vote>> SelectVotes(SqliteConnection& db);
// Inserts the vote or replaces the one with the same id, ballots included.
core::Status UpsertVote(SqliteConnection& db, const core::Vote& v);
// One past the highest vote id (votes are never deleted).
core::Result<core::VoteId> NextVoteId(SqliteConnection& db);

core::Status InsertCommitteeEvents(SqliteConnection& db,
                                   const std::vector<core::CommitteeEvent>& events);
// The newest `limit` events, oldest first.
core::Result<std::vector<core::CommitteeEvent>> SelectCommitteeTimeline(SqliteConnection& db,
                                                                        int limit);

}  // namespace srcbot::store
