// Schema 9 (store/schema_mail.cc): the per-sender record of key replies,
// mail on no case with its attachments, and the upgrade from schema 8 with a
// mail already queued.
#include <catch2/catch.hpp>

#include "core/key_reply.h"
#include "store/migrations.h"
#include "store/sqlite_case_store.h"
#include "store/sqlite_mail_store.h"
#include "tests/store/store_test_support.h"

using namespace srcbot;
using namespace srcbot::store;
using namespace srcbot::store::testing;

namespace {

struct Stores {
  std::unique_ptr<SqliteCaseStore> cases;
  std::unique_ptr<SqliteMailStore> mail;
};

Stores OpenBoth(const std::string& path, const core::Clock& clock) {
  auto cases = SqliteCaseStore::Open(path, clock);
  REQUIRE(cases.ok());
  auto mail = SqliteMailStore::Open(path, clock);
  REQUIRE(mail.ok());
  return {std::move(cases).value(), std::move(mail).value()};
}

// A bare request from `from` whose reply (when `reply_id` is set) is queued
// with it; `last_sent` is what the intake read.
core::ReceivedMail Request(const std::string& key, const std::string& from,
                           std::optional<core::TimePoint> last_sent, const std::string& reply_id) {
  core::ReceivedMail r;
  r.key = key;
  r.mail.message_id = key;
  r.mail.from = {from, ""};
  r.mail.subject = "Your PGP key?";
  r.decision = {core::InboundAction::kKeyRequest, 0, "a bare key request"};
  r.key_request = core::KeyRequestRecord{core::KeyRequestSender(r.mail.from), last_sent, reply_id};
  return r;
}

core::Result<std::optional<core::Change>> Receive(SqliteMailStore& store,
                                                  const core::ReceivedMail& r,
                                                  core::TimePoint now) {
  core::KeyRequest answer{r.key_request->last_sent, std::nullopt};
  if (!r.key_request->reply_id.empty()) {
    answer.reply = core::KeyReplyMail(r.mail, 0, {"security@src.example", ""}, "acme",
                                      {"ABCD", "-----BEGIN PGP PUBLIC KEY BLOCK-----\nx\n"},
                                      r.key_request->reply_id, now);
  }
  auto build = [&](core::CaseId) {
    core::Change change = core::BareKeyRequest(r.mail, answer);
    for (core::Message& m : change.messages) {
      m = {core::Audience::kChannel, "CSRC", m.text, {}, "", {}};
    }
    return core::Result<core::Change>(std::move(change));
  };
  return store.Receive(r, build, [](const core::Case&) {
    return core::Result<core::Change>(core::Status::Internal("no case"));
  });
}

}  // namespace

TEST_CASE("store: the key-reply record is per sender, any case, and survives reopening", "[mail]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("k.db");
  {
    Stores s = OpenBoth(path, clock);
    CHECK(s.mail->LastKeyReply("bob@finder.example").value() == std::nullopt);
    auto first =
        Receive(*s.mail, Request("a1@x", "Bob@Finder.example", std::nullopt, "r1@src.example"),
                clock.Now());
    INFO(first.status().message());
    REQUIRE(first.ok());
    REQUIRE(first.value());
    CHECK(first.value()->after.id == 0);
    CHECK(s.mail->LastKeyReply("bob@finder.example").value() == clock.Now());
    CHECK(s.mail->LastKeyReply("rita@reporter.example").value() == std::nullopt);
  }
  clock.Advance(std::chrono::hours(3));
  Stores s = OpenBoth(path, clock);
  CHECK(s.mail->LastKeyReply("bob@finder.example").value() == clock.Now() - std::chrono::hours(3));
  // The queued reply, on no case, with its key, as it was queued.
  auto due = s.mail->DueMails(clock.Now(), 10);
  REQUIRE(due.ok());
  REQUIRE(due.value().size() == 1);
  CHECK(due.value()[0].queued.case_id == 0);
  CHECK(due.value()[0].queued.kind == core::MailKind::kKeyReply);
  REQUIRE(due.value()[0].queued.mail.attachments.size() == 1);
  CHECK(due.value()[0].queued.mail.attachments[0].content ==
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\nx\n");
  CHECK(s.cases->List(true).value().empty());
}

TEST_CASE("store: a key request decided on a stale record is refused, nothing written", "[mail]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  Stores s = OpenBoth(dir.File("k.db"), clock);
  const core::TimePoint first = clock.Now();
  REQUIRE(
      Receive(*s.mail, Request("a1@x", "bob@finder.example", std::nullopt, "r1@src.example"), first)
          .ok());
  // Another intake read "never" before the first committed: it must not send again.
  clock.Advance(std::chrono::minutes(1));
  auto stale = Receive(
      *s.mail, Request("a2@x", "bob@finder.example", std::nullopt, "r2@src.example"), clock.Now());
  CHECK(stale.status().code() == core::Code::kConflict);
  CHECK_FALSE(s.mail->Seen("a2@x").value());
  CHECK(s.mail->PendingMails().value() == 1);
  // Decided on the record as it is: recorded, not answered.
  auto fresh = Receive(*s.mail, Request("a2@x", "bob@finder.example", first, ""), clock.Now());
  REQUIRE(fresh.ok());
  CHECK(s.mail->Seen("a2@x").value());
  CHECK(s.mail->PendingMails().value() == 1);
  CHECK(s.mail->LastKeyReply("bob@finder.example").value() == first);
}

TEST_CASE("store: schema 8 with queued mail upgrades to 9, rows, ids and all", "[mail][ops]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("v8.db");
  {
    auto db = OpenOrFail(path);
    const std::vector<Migration>& all = Migrations();
    REQUIRE(ApplyMigrations(*db, std::vector<Migration>(all.begin(), all.begin() + 8)).ok());
    REQUIRE(SchemaVersion(*db).value() == 8);
    REQUIRE(db->Exec("INSERT INTO cases (id, title, via, stage, received_at, reported_at) "
                     "VALUES (1, 'Old case', 'email', 'triage', 100, 200);"
                     "INSERT INTO mail_outbox (id, case_id, kind, message_id, from_address, "
                     "recipients, subject, date, created_at, not_before, updated_at) VALUES "
                     "(7, 1, 'ack', 'old@src.example', 'security@src.example', "
                     "'[{\"address\":\"rita@reporter.example\",\"name\":\"\"}]', 'Re: [SRC-1] x', "
                     "300, 300, 300, 300);"
                     "INSERT INTO mail_outbox (id, case_id, kind, message_id, from_address, "
                     "recipients, date, created_at, not_before, updated_at, state) VALUES "
                     "(9, 1, 'mail', 'gone@src.example', 'security@src.example', '[]', "
                     "300, 300, 300, 300, 'sent');"
                     "DELETE FROM mail_outbox WHERE id = 9;",
                     "seed v8")
                .ok());
  }
  Stores s = OpenBoth(path, clock);
  CHECK(SchemaVersion(*OpenOrFail(path)).value() == 9);
  auto due = s.mail->DueMails(clock.Now(), 10);
  REQUIRE(due.ok());
  REQUIRE(due.value().size() == 1);
  CHECK(due.value()[0].id == 7);
  CHECK(due.value()[0].queued.case_id == 1);
  CHECK(due.value()[0].queued.mail.to[0].address == "rita@reporter.example");
  CHECK(due.value()[0].queued.mail.attachments.empty());
  // The AUTOINCREMENT counter came along: id 9 was used once and is not reused.
  REQUIRE(Receive(*s.mail, Request("a1@x", "bob@finder.example", std::nullopt, "r1@src.example"),
                  clock.Now())
              .ok());
  due = s.mail->DueMails(clock.Now(), 10);
  REQUIRE(due.value().size() == 2);
  CHECK(due.value()[1].id == 10);
}
