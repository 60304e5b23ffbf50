#pragma once
// The once-a-day record of key replies (schema v9, key_replies in
// schema_mail.cc): per sender address (core::KeyRequestSender, lower-cased),
// when srcbot last queued the SRC's public key for them. Opens no
// transaction: the caller's holds it with the request's record and reply.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// When `sender` was last sent the key; nullopt when never.
core::Result<std::optional<core::TimePoint>> SelectKeyReply(SqliteConnection& db,
                                                            const std::string& sender);
// Records that `sender` was sent the key at `at` in mail `message_id`.
core::Status UpsertKeyReply(SqliteConnection& db, const std::string& sender, core::TimePoint at,
                            const std::string& message_id);

}  // namespace srcbot::store
