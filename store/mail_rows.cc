#include "store/mail_rows.h"

#include "store/time_columns.h"

namespace srcbot::store {
namespace {

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// "?,?,?" for `n` parameters starting at ?1.
std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? ",?" : "?") + std::to_string(i + 1);
  return out;
}

}  // namespace

std::string JoinMessageIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::vector<std::string> SplitMessageIds(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

core::Result<bool> ReceivedSeen(SqliteConnection& db, const std::string& key) {
  auto s = db.Prepare("SELECT 1 FROM mail_received WHERE key = ?1", "look up received mail");
  if (!s.ok()) return s.status();
  s.value().BindText(1, key);
  return s.value().Step();
}

core::Status InsertReceived(SqliteConnection& db, const ReceivedRow& row, core::CaseId case_id,
                            core::TimePoint now) {
  auto s = db.Prepare(
      "INSERT INTO mail_received (key, message_id, case_id, action, from_address, from_name, "
      "subject, in_reply_to, refs, arrived_at, recorded_at, body, problems, note) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
      "record received mail");
  if (!s.ok()) return s.status();
  const core::InboundMail& m = row.mail;
  s.value()
      .BindText(1, row.key)
      .BindText(2, m.message_id)
      .BindOptionalInt(3, case_id == 0 ? std::nullopt : std::optional<std::int64_t>(case_id))
      .BindText(4, row.action)
      .BindText(5, m.from.address)
      .BindText(6, m.from.display_name)
      .BindText(7, m.subject)
      .BindText(8, m.in_reply_to)
      .BindText(9, JoinMessageIds(m.references))
      .BindInt(10, Seconds(row.arrival))
      .BindInt(11, Seconds(now))
      .BindText(12, m.text_body)
      .BindText(13, JoinLines(m.problems))
      .BindText(14, row.note);
  if (core::Status st = s.value().Run(); !st.ok()) return st;
  const std::int64_t received_id = db.LastInsertRowid();
  if (m.attachments.empty()) return core::Status::Ok();
  auto a = db.Prepare(
      "INSERT INTO mail_attachments (received_id, position, name, content_type, size, sha256, "
      "content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      "record attachment");
  if (!a.ok()) return a.status();
  for (std::size_t i = 0; i < m.attachments.size(); ++i) {
    const core::MailAttachment& att = m.attachments[i];
    a.value().Reset();
    a.value()
        .BindInt(1, received_id)
        .BindInt(2, static_cast<std::int64_t>(i))
        .BindText(3, att.name)
        .BindText(4, att.content_type)
        .BindInt(5, static_cast<std::int64_t>(att.size))
        .BindText(6, att.sha256_hex);
    if (att.content_kept) {
      a.value().BindBlob(7, att.content);
    } else {
      a.value().BindNull(7);
    }
    if (core::Status st = a.value().Run(); !st.ok()) return st;
  }
  return core::Status::Ok();
}

core::Result<core::KnownThreads> SelectKnown(SqliteConnection& db, const core::ThreadKeys& keys) {
  core::KnownThreads known;
  if (!keys.message_ids.empty()) {
    const std::string in = Placeholders(keys.message_ids.size());
    for (const char* table : {"mail_received", "mail_outbox"}) {
      auto s = db.Prepare(std::string("SELECT message_id, case_id FROM ") + table +
                              " WHERE case_id IS NOT NULL AND message_id IN (" + in + ")",
                          "look up mail threads");
      if (!s.ok()) return s.status();
      for (std::size_t i = 0; i < keys.message_ids.size(); ++i)
        s.value().BindText(static_cast<int>(i + 1), keys.message_ids[i]);
      auto& into = std::string(table) == "mail_outbox" ? known.sent : known.received;
      while (true) {
        auto row = s.value().Step();
        if (!row.ok()) return row.status();
        if (!row.value()) break;
        into.emplace(s.value().ColumnText(0), s.value().ColumnInt(1));
      }
    }
  }
  if (!keys.subject_cases.empty()) {
    auto s = db.Prepare(
        "SELECT case_id, from_address FROM mail_received WHERE action = 'new-case'"
        " AND case_id IN (" +
            Placeholders(keys.subject_cases.size()) + ")",
        "look up reporters");
    if (!s.ok()) return s.status();
    for (std::size_t i = 0; i < keys.subject_cases.size(); ++i)
      s.value().BindInt(static_cast<int>(i + 1), keys.subject_cases[i]);
    while (true) {
      auto row = s.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      known.reporters.emplace(s.value().ColumnInt(0), s.value().ColumnText(1));
    }
  }
  return known;
}

core::Result<std::optional<core::ReporterThread>> SelectThread(SqliteConnection& db,
                                                               core::CaseId id) {
  // The reporter's latest message that opened or continued the case.
  auto s = db.Prepare(
      "SELECT r.from_address, m.message_id, m.in_reply_to, m.refs, m.from_address, m.from_name, "
      "m.subject FROM mail_received r JOIN mail_received m ON m.case_id = r.case_id "
      "AND lower(m.from_address) = lower(r.from_address) AND m.action IN ('new-case', 'append') "
      "WHERE r.case_id = ?1 AND r.action = 'new-case' ORDER BY m.id DESC LIMIT 1",
      "read mail thread");
  if (!s.ok()) return s.status();
  s.value().BindInt(1, id);
  auto row = s.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<core::ReporterThread>();
  const Statement& r = s.value();
  core::ReporterThread t;
  t.reporter = r.ColumnText(0);
  t.latest.message_id = r.ColumnText(1);
  t.latest.in_reply_to = r.ColumnText(2);
  t.latest.references = SplitMessageIds(r.ColumnText(3));
  t.latest.from = {r.ColumnText(4), r.ColumnText(5)};
  t.latest.subject = r.ColumnText(6);
  return std::optional<core::ReporterThread>(std::move(t));
}

}  // namespace srcbot::store
