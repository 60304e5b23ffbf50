#pragma once
// The mapping between core::Message / core::OutboxItem and the outbox table
// (schema v1 in migrations.cc). Like case_rows.h, these open no transaction:
// a change's messages are queued inside the transaction that writes the case.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case_store.h"
#include "core/message.h"
#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

std::string_view OutboxStateName(core::OutboxState state);  // "pending", "sent", "held"

// Queues the messages as pending, created_at = updated_at = now. kInternal
// "message not addressed" for a message still addressed to Audience::kSrcChannel
// (the caller rolls back: nothing of the change may be written).
core::Status InsertMessages(SqliteConnection& db, const std::vector<core::Message>& messages,
                            core::TimePoint now);
// Up to `limit` pending messages, oldest (lowest id) first; none when limit <= 0.
core::Result<std::vector<core::OutboxItem>> SelectPending(SqliteConnection& db, int limit);
// What waits in the outbox: how many pending messages, and when the oldest
// (lowest id) was queued; nullopt when none is pending.
struct OutboxBacklog {
  std::int64_t pending = 0;
  std::optional<core::TimePoint> oldest_created_at;
};
// One query on the partial index outbox_pending (schema v1): it reads only the
// pending rows' index entries, however many messages were ever sent. For the
// metrics scrape (srcbot_outbox_pending, srcbot_outbox_oldest_pending_seconds).
core::Result<OutboxBacklog> SelectBacklog(SqliteConnection& db);
// Sets state and note, counts one more attempt and stamps updated_at = now.
// kNotFound when there is no such message.
core::Status UpdateMessage(SqliteConnection& db, std::int64_t id, core::OutboxState state,
                           const std::string& note, core::TimePoint now);

}  // namespace srcbot::store
