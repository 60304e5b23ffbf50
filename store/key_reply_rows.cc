#include "store/key_reply_rows.h"

#include "store/time_columns.h"

namespace srcbot::store {

core::Result<std::optional<core::TimePoint>> SelectKeyReply(SqliteConnection& db,
                                                            const std::string& sender) {
  auto s = db.Prepare("SELECT sent_at FROM key_replies WHERE sender = ?1", "read key reply");
  if (!s.ok()) return s.status();
  s.value().BindText(1, sender);
  auto row = s.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<core::TimePoint>();
  return std::optional<core::TimePoint>(FromSeconds(s.value().ColumnInt(0)));
}

core::Status UpsertKeyReply(SqliteConnection& db, const std::string& sender, core::TimePoint at,
                            const std::string& message_id) {
  auto s = db.Prepare(
      "INSERT INTO key_replies (sender, sent_at, message_id) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (sender) DO UPDATE SET sent_at = excluded.sent_at, "
      "message_id = excluded.message_id",
      "record key reply");
  if (!s.ok()) return s.status();
  s.value().BindText(1, sender).BindInt(2, Seconds(at)).BindText(3, message_id);
  return s.value().Run();
}

}  // namespace srcbot::store
