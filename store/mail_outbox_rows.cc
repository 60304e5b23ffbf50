#include "store/mail_outbox_rows.h"

#include <nlohmann/json.hpp>

#include "store/mail_rows.h"
#include "store/time_columns.h"

namespace srcbot::store {
namespace {

// To and Cc as one JSON array of {address, name, cc}: names may hold any text.
std::string RecipientsJson(const core::OutgoingMail& m) {
  nlohmann::json out = nlohmann::json::array();
  for (const core::MailAddress& a : m.to)
    out.push_back({{"address", a.address}, {"name", a.display_name}});
  for (const core::MailAddress& a : m.cc)
    out.push_back({{"address", a.address}, {"name", a.display_name}, {"cc", true}});
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool ParseRecipients(const std::string& text, core::OutgoingMail* m) {
  nlohmann::json array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return false;
  for (const nlohmann::json& r : array) {
    if (!r.is_object() || !r.contains("address") || !r["address"].is_string()) return false;
    core::MailAddress a{r["address"].get<std::string>(), r.value("name", std::string())};
    (r.value("cc", false) ? m->cc : m->to).push_back(std::move(a));
  }
  return true;
}

core::Status InsertAttachments(SqliteConnection& db, std::int64_t mail_id,
                               const std::vector<core::MailAttachment>& attachments) {
  if (attachments.empty()) return core::Status::Ok();
  auto s = db.Prepare(
      "INSERT INTO mail_outbox_attachments (mail_id, position, name, content_type, content) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      "queue mail attachment");
  if (!s.ok()) return s.status();
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    const core::MailAttachment& a = attachments[i];
    s.value().Reset();
    s.value()
        .BindInt(1, mail_id)
        .BindInt(2, static_cast<std::int64_t>(i))
        .BindText(3, a.name)
        .BindText(4, a.content_type)
        .BindBlob(5, a.content);
    if (core::Status st = s.value().Run(); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Status SelectAttachments(SqliteConnection& db, std::int64_t mail_id, core::OutgoingMail* m) {
  auto s = db.Prepare(
      "SELECT name, content_type, content FROM mail_outbox_attachments WHERE mail_id = ?1 "
      "ORDER BY position",
      "read mail attachments");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, mail_id);
  while (true) {
    auto row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return core::Status::Ok();
    core::MailAttachment a;
    a.name = s.value().ColumnText(0);
    a.content_type = s.value().ColumnText(1);
    a.content = s.value().ColumnText(2);
    a.size = a.content.size();
    a.content_kept = true;
    m->attachments.push_back(std::move(a));
  }
}

}  // namespace

core::Status InsertMails(SqliteConnection& db, const std::vector<core::QueuedMail>& mails,
                         core::TimePoint now) {
  if (mails.empty()) return core::Status::Ok();
  auto s = db.Prepare(
      "INSERT INTO mail_outbox (case_id, kind, message_id, from_address, from_name, recipients, "
      "subject, in_reply_to, refs, auto_replied, body, date, created_at, not_before, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?13)",
      "queue mail");
  if (!s.ok()) return s.status();
  for (const core::QueuedMail& q : mails) {
    if (q.case_id == 0 && q.kind != core::MailKind::kKeyReply) {
      return core::Status::Internal("queue mail: no case");
    }
    const core::OutgoingMail& m = q.mail;
    s.value().Reset();
    s.value()
        .BindOptionalInt(1, q.case_id == 0 ? std::nullopt : std::optional<std::int64_t>(q.case_id))
        .BindText(2, core::MailKindName(q.kind))
        .BindText(3, m.message_id)
        .BindText(4, m.from.address)
        .BindText(5, m.from.display_name)
        .BindText(6, RecipientsJson(m))
        .BindText(7, m.subject)
        .BindText(8, m.in_reply_to)
        .BindText(9, JoinMessageIds(m.references))
        .BindBool(10, m.auto_replied)
        .BindText(11, m.text_body)
        .BindInt(12, Seconds(m.date))
        .BindInt(13, Seconds(now));
    if (core::Status st = s.value().Run(); !st.ok()) {
      if (st.code() == core::Code::kInternal) {
        return core::Status::Conflict("queue mail: Message-ID " + m.message_id + " queued before");
      }
      return st;
    }
    if (core::Status st = InsertAttachments(db, db.LastInsertRowid(), m.attachments); !st.ok()) {
      return st;
    }
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::MailOutboxItem>> SelectDueMails(SqliteConnection& db,
                                                               core::TimePoint now, int limit) {
  std::vector<core::MailOutboxItem> out;
  if (limit <= 0) return out;
  auto s = db.Prepare(
      "SELECT id, case_id, kind, message_id, from_address, from_name, recipients, subject, "
      "in_reply_to, refs, auto_replied, body, date, created_at, not_before, attempts "
      "FROM mail_outbox WHERE state = 'pending' AND not_before <= ?1 ORDER BY not_before, id "
      "LIMIT ?2",
      "read due mail");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, Seconds(now)).BindInt(2, limit);
  while (true) {
    auto row = s.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    const Statement& r = s.value();
    core::MailOutboxItem item;
    item.id = r.ColumnInt(0);
    item.queued.case_id = r.ColumnInt(1);
    auto kind = core::ParseMailKind(r.ColumnText(2));
    core::OutgoingMail& m = item.queued.mail;
    if (!kind || !ParseRecipients(r.ColumnText(6), &m)) {
      return core::Status::Internal(db.path() + ": mail " + std::to_string(item.id) +
                                    " is damaged (kind or recipients)");
    }
    item.queued.kind = *kind;
    m.message_id = r.ColumnText(3);
    m.from = {r.ColumnText(4), r.ColumnText(5)};
    m.subject = r.ColumnText(7);
    m.in_reply_to = r.ColumnText(8);
    m.references = SplitMessageIds(r.ColumnText(9));
    m.auto_replied = r.ColumnBool(10);
    m.text_body = r.ColumnText(11);
    m.date = FromSeconds(r.ColumnInt(12));
    item.created_at = FromSeconds(r.ColumnInt(13));
    item.not_before = FromSeconds(r.ColumnInt(14));
    item.attempts = static_cast<int>(r.ColumnInt(15));
    out.push_back(std::move(item));
  }
  for (core::MailOutboxItem& item : out) {
    if (core::Status st = SelectAttachments(db, item.id, &item.queued.mail); !st.ok()) return st;
  }
  return out;
}

core::Result<std::int64_t> CountPendingMails(SqliteConnection& db) {
  auto s = db.Prepare("SELECT count(*) FROM mail_outbox WHERE state = 'pending'", "count mail");
  if (!s.ok()) return s.status();
  auto row = s.value().Step();
  if (!row.ok()) return row.status();
  return s.value().ColumnInt(0);
}

core::Status UpdateMailRow(SqliteConnection& db, std::int64_t id, core::MailState state,
                           const std::string& note, core::TimePoint not_before,
                           core::TimePoint now) {
  auto s = db.Prepare(
      "UPDATE mail_outbox SET state = ?2, note = ?3, not_before = ?4, attempts = attempts + 1, "
      "updated_at = ?5 WHERE id = ?1",
      "mark mail");
  if (!s.ok()) return s.status();
  s.value()
      .BindInt(1, id)
      .BindText(2, core::MailStateName(state))
      .BindText(3, note)
      .BindInt(4, Seconds(not_before))
      .BindInt(5, Seconds(now));
  if (core::Status st = s.value().Run(); !st.ok()) return st;
  if (db.Changes() == 0) return core::Status::NotFound("no mail " + std::to_string(id));
  return core::Status::Ok();
}

core::Result<core::CaseId> MailCase(SqliteConnection& db, std::int64_t id) {
  auto s = db.Prepare("SELECT case_id FROM mail_outbox WHERE id = ?1", "read mail case");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  auto row = s.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return core::Status::NotFound("no mail " + std::to_string(id));
  return s.value().ColumnInt(0);
}

}  // namespace srcbot::store
