#include "store/sqlite_mail_store.h"

#include "store/case_rows.h"
#include "store/change_rows.h"
#include "store/key_reply_rows.h"
#include "store/mail_outbox_rows.h"
#include "store/mail_rows.h"
#include "store/migrations.h"
#include "store/outbox_rows.h"

namespace srcbot::store {
namespace {

// Key replies, mail on no case and outbox attachments came with schema 9.
constexpr int kMailSchema = 9;

std::string_view ActionName(core::InboundAction action) {
  switch (action) {
    case core::InboundAction::kNewCase:
      return "new-case";
    case core::InboundAction::kAppend:
      return "append";
    case core::InboundAction::kRecordOnly:
      return "record-only";
    case core::InboundAction::kDuplicate:
      return "duplicate";
    case core::InboundAction::kKeyRequest:
      return "key-request";
  }
  return "record-only";
}

}  // namespace

core::Result<std::unique_ptr<SqliteMailStore>> SqliteMailStore::Open(const std::string& path,
                                                                     const core::Clock& clock) {
  auto db = OpenAtSchema(path, kMailSchema, "has no mail tables");
  if (!db.ok()) return db.status();
  return std::unique_ptr<SqliteMailStore>(new SqliteMailStore(std::move(db).value(), clock));
}

core::Result<core::KnownThreads> SqliteMailStore::Known(const core::ThreadKeys& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectKnown(*db_, keys);
}

core::Result<bool> SqliteMailStore::Seen(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  return ReceivedSeen(*db_, key);
}

core::Result<core::Change> SqliteMailStore::UpdateLocked(core::CaseId id,
                                                         const core::CaseStore::Mutation& rule,
                                                         const std::string& what) {
  auto current = SelectCase(*db_, id);
  if (!current.ok()) return current.status();
  if (!current.value()) return core::Status::NotFound("no case " + core::CaseRef(id));
  core::Result<core::Change> change = InvokeRule(rule, what, *current.value());
  if (!change.ok()) return change;
  if (core::Status s = WriteChange(*db_, change.value(), id, false, clock_.Now()); !s.ok())
    return s;
  return change;
}

core::Result<std::optional<core::Change>> SqliteMailStore::Receive(
    const core::ReceivedMail& record, const core::CaseStore::Creation& build,
    const core::CaseStore::Mutation& mutate) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string what = "record received mail";
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, what);
  if (!txn.ok()) return txn.status();
  // Checked under the write lock: a message is recorded once, whoever polls.
  auto seen = ReceivedSeen(*db_, record.key);
  if (!seen.ok()) return seen.status();
  if (seen.value()) return std::optional<core::Change>();
  const core::TimePoint now = clock_.Now();
  if (record.key_request) {
    const core::KeyRequestRecord& k = *record.key_request;
    auto last = SelectKeyReply(*db_, k.sender);
    if (!last.ok()) return last.status();
    if (last.value() != k.last_sent) {
      return core::Status::Conflict("the key was sent to " + k.sender +
                                    " meanwhile; read the message again");
    }
    if (!k.reply_id.empty()) {
      if (core::Status s = UpsertKeyReply(*db_, k.sender, now, k.reply_id); !s.ok()) return s;
    }
  }
  std::optional<core::Change> change;
  core::CaseId case_id = record.decision.case_id;
  if (record.decision.action == core::InboundAction::kNewCase) {
    auto id = NextCaseId(*db_);
    if (!id.ok()) return id.status();
    auto built = InvokeRule(build, "open a case from mail", id.value());
    if (!built.ok()) return built.status();
    if (core::Status s = WriteChange(*db_, built.value(), id.value(), true, clock_.Now()); !s.ok())
      return s;
    case_id = id.value();
    change = std::move(built).value();
  } else if (record.decision.action == core::InboundAction::kKeyRequest) {
    auto built = InvokeRule(build, "answer a key request", core::CaseId{0});
    if (!built.ok()) return built.status();
    if (core::Status s = WriteCaselessChange(*db_, built.value(), now); !s.ok()) return s;
    change = std::move(built).value();
  } else if (case_id != 0) {
    auto updated = UpdateLocked(case_id, mutate, what + " on " + core::CaseRef(case_id));
    if (!updated.ok()) return updated.status();
    change = std::move(updated).value();
  }
  ReceivedRow row{record.key, std::string(ActionName(record.decision.action)),
                  record.decision.reason, record.mail, record.arrival};
  if (core::Status s = InsertReceived(*db_, row, case_id, now); !s.ok()) return s;
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  if (!change) change = core::Change{};
  return change;
}

core::Result<bool> SqliteMailStore::RecordUnreadable(const std::string& key,
                                                     core::TimePoint arrival,
                                                     const std::string& why,
                                                     const std::vector<core::Message>& posts) {
  std::lock_guard<std::mutex> lock(mu_);
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, "record unreadable mail");
  if (!txn.ok()) return txn.status();
  auto seen = ReceivedSeen(*db_, key);
  if (!seen.ok()) return seen.status();
  if (seen.value()) return false;
  ReceivedRow row{key, "unreadable", why, {}, arrival};
  if (core::Status s = InsertReceived(*db_, row, 0, clock_.Now()); !s.ok()) return s;
  if (core::Status s = InsertMessages(*db_, posts, clock_.Now()); !s.ok()) return s;
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  return true;
}

core::Status SqliteMailStore::Notify(const std::vector<core::Message>& posts) {
  std::lock_guard<std::mutex> lock(mu_);
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, "post a mailbox notice");
  if (!txn.ok()) return txn.status();
  if (core::Status s = InsertMessages(*db_, posts, clock_.Now()); !s.ok()) return s;
  return txn.value().Commit();
}

core::Result<std::optional<core::TimePoint>> SqliteMailStore::LastKeyReply(
    const std::string& sender) {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectKeyReply(*db_, sender);
}

core::Result<std::optional<core::ReporterThread>> SqliteMailStore::Thread(core::CaseId id) {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectThread(*db_, id);
}

core::Result<std::vector<core::MailOutboxItem>> SqliteMailStore::DueMails(core::TimePoint now,
                                                                          int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectDueMails(*db_, now, limit);
}

core::Result<std::int64_t> SqliteMailStore::PendingMails() {
  std::lock_guard<std::mutex> lock(mu_);
  return CountPendingMails(*db_);
}

core::Status SqliteMailStore::RetryMail(std::int64_t id, core::TimePoint not_before,
                                        const std::string& note) {
  std::lock_guard<std::mutex> lock(mu_);
  return UpdateMailRow(*db_, id, core::MailState::kPending, note, not_before, clock_.Now());
}

core::Result<core::Change> SqliteMailStore::FinishMail(std::int64_t id, core::MailState state,
                                                       const std::string& note,
                                                       const core::CaseStore::Mutation& rule) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string what = "finish mail " + std::to_string(id);
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, what);
  if (!txn.ok()) return txn.status();
  auto case_id = MailCase(*db_, id);
  if (!case_id.ok()) return case_id.status();
  const core::TimePoint now = clock_.Now();
  if (core::Status s = UpdateMailRow(*db_, id, state, note, now, now); !s.ok()) return s;
  if (case_id.value() == 0) {
    auto caseless = InvokeRule(rule, what, core::Case{});
    if (!caseless.ok()) return caseless;
    if (core::Status s = WriteCaselessChange(*db_, caseless.value(), now); !s.ok()) return s;
    if (core::Status s = txn.value().Commit(); !s.ok()) return s;
    return caseless;
  }
  auto change = UpdateLocked(case_id.value(), rule, what);
  if (!change.ok()) return change;
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  return change;
}

}  // namespace srcbot::store
