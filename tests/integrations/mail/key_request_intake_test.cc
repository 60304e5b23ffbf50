// Key requests through the real intake and stores (docs/mail.md, "Key
// requests"): what one commits with the message's record, the once-a-day
// rule across a restart, and the delivery of a reply that belongs to no case.
#include <catch2/catch.hpp>

#include "tests/integrations/mail/mail_samples.h"
#include "tests/integrations/mail/mail_world.h"

using namespace srcbot;
using namespace srcbot::testing;
using Outcome = mail::Ingested::Outcome;

namespace {

std::string Request(const std::string& id, const std::string& from = "Bob <bob@finder.example>",
                    const std::string& body =
                        "Hi,\r\n\r\nI would like to report an issue "
                        "privately. Thanks,\r\nBob",
                    const std::string& subject = "Could you send me your PGP key?",
                    const std::vector<std::string>& extra = {}) {
  std::vector<std::string> lines = {"From: " + from, "To: security@src.example",
                                    "Subject: " + subject, "Message-ID: <" + id + ">"};
  lines.insert(lines.end(), extra.begin(), extra.end());
  lines.insert(lines.end(), {"Content-Type: text/plain; charset=utf-8", "", body});
  return Crlf(lines);
}

std::vector<core::MailOutboxItem> Due(MailWorld& w) {
  auto due = w.mail->DueMails(w.clock.Now(), 100);
  REQUIRE(due.ok());
  return due.value();
}

std::int64_t Cases(MailWorld& w) {
  auto all = w.cases->List(true);
  REQUIRE(all.ok());
  return static_cast<std::int64_t>(all.value().size());
}

class RecordingSender : public mail::MailSender {
 public:
  std::vector<std::string> sent;
  mail::SendOutcome Send(const std::string&, const std::vector<std::string>&,
                         std::string_view message) override {
    sent.emplace_back(message);
    return {mail::SendOutcome::Kind::kSent, 250, "ok"};
  }
};

}  // namespace

TEST_CASE("key requests: a bare request is answered with the key, on no case, once a day",
          "[mail][intake][pgp]") {
  MailWorld w;
  w.AnswerKeyRequests();
  mail::Ingested first = w.Ingest(Request("ask-1@finder.example"));
  CHECK(first.outcome == Outcome::kKeyRequest);
  CHECK(first.case_id == 0);
  CHECK(first.key_sent);
  CHECK(Cases(w) == 0);  // not a vulnerability case
  std::vector<core::MailOutboxItem> due = Due(w);
  REQUIRE(due.size() == 1);
  const core::QueuedMail& q = due[0].queued;
  CHECK(q.case_id == 0);
  CHECK(q.kind == core::MailKind::kKeyReply);
  REQUIRE(q.mail.to.size() == 1);
  CHECK(q.mail.to[0].address == "bob@finder.example");
  CHECK(q.mail.in_reply_to == "ask-1@finder.example");
  CHECK(q.mail.subject == "Re: Could you send me your PGP key?");
  CHECK(q.mail.auto_replied);
  REQUIRE(q.mail.attachments.size() == 1);  // kept in the outbox as queued
  CHECK(q.mail.attachments[0].content_type == "application/pgp-keys");
  CHECK_THAT(q.mail.attachments[0].content, Catch::StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK"));
  REQUIRE(w.Posts().size() == 1);
  CHECK_THAT(w.Posts()[0],
             Catch::Contains("Sent the SRC's OpenPGP key to Bob &lt;bob@finder.example&gt;") &&
                 Catch::Contains("Not a case") &&
                 Catch::Contains("> I would like to report an issue privately."));

  // The same sender again, in other capitals, within the day: recorded, posted, not answered.
  w.clock.Advance(std::chrono::hours(23));
  mail::Ingested again = w.Ingest(Request("ask-2@finder.example", "BOB@Finder.Example"));
  CHECK(again.outcome == Outcome::kKeyRequest);
  CHECK_FALSE(again.key_sent);
  CHECK(Due(w).size() == 1);
  REQUIRE(w.Posts().size() == 2);
  CHECK_THAT(w.Posts()[1], Catch::Contains("asked for the SRC's OpenPGP key again") &&
                               Catch::Contains("at most once a day per sender"));
  CHECK(w.mail->Seen("ask-2@finder.example").value());  // recorded

  // A day after the first reply: answered again.
  w.clock.Advance(std::chrono::hours(1));
  CHECK(w.Ingest(Request("ask-3@finder.example")).key_sent);
  CHECK(Due(w).size() == 2);
}

TEST_CASE("key requests: the once-a-day record survives a restart", "[mail][intake][pgp]") {
  MailWorld w;
  w.AnswerKeyRequests();
  CHECK(w.Ingest(Request("ask-1@finder.example")).key_sent);
  // srcbot restarts: new stores and a new intake on the same file.
  auto reopened = store::SqliteMailStore::Open(w.dir.File("srcbot.db"), w.clock);
  REQUIRE(reopened.ok());
  w.mail = std::move(reopened).value();
  w.AnswerKeyRequests();
  w.clock.Advance(std::chrono::hours(2));
  mail::Ingested again = w.Ingest(Request("ask-2@finder.example"));
  CHECK(again.outcome == Outcome::kKeyRequest);
  CHECK_FALSE(again.key_sent);
  CHECK(Due(w).size() == 1);
}

TEST_CASE("key requests: a report that also asks for the key is a case, and the key goes out",
          "[mail][intake][pgp]") {
  MailWorld w;
  w.AnswerKeyRequests();
  const std::string report =
      "Please send me your PGP key.\r\n\r\ncosign verify accepts a bundle signed with a "
      "512-bit RSA key. To reproduce: generate a 512-bit key, sign any blob with it, make a "
      "bundle, and run cosign verify-blob with --bundle; it exits 0. Versions 2.2.0 to 2.4.1 "
      "are affected; earlier ones refuse the key. I will send the proof of concept encrypted.";
  mail::Ingested opened = w.Ingest(
      Request("rep-1@finder.example", "Bob <bob@finder.example>", report, "Weak keys accepted"));
  CHECK(opened.outcome == Outcome::kNewCase);
  CHECK(opened.case_id == 1);
  CHECK(opened.key_sent);
  std::vector<core::MailOutboxItem> due = Due(w);
  REQUIRE(due.size() == 1);
  CHECK(due[0].queued.case_id == 1);
  CHECK(due[0].queued.kind == core::MailKind::kKeyReply);
  CHECK(due[0].queued.mail.subject == "Re: [SRC-1] Weak keys accepted");
  CHECK_THAT(w.Timeline(1), Catch::Contains("mail-queued: Mail queued for SRC-1: key-reply to "
                                            "bob@finder.example"));
  REQUIRE_FALSE(w.Posts().empty());
  CHECK_THAT(w.Posts()[0], Catch::Contains("New report SRC-1") &&
                               Catch::Contains("they asked for the SRC's OpenPGP key: sent"));

  // A second report from them the same day opens its case; no second key.
  mail::Ingested second = w.Ingest(Request("rep-2@finder.example", "Bob <bob@finder.example>",
                                           report, "Weak keys accepted, part 2"));
  CHECK(second.case_id == 2);
  CHECK_FALSE(second.key_sent);
  CHECK(Due(w).size() == 1);
  CHECK_THAT(w.Timeline(2), Catch::Contains("key-request: The sender asked for the SRC's OpenPGP "
                                            "key; not sent again"));
}

TEST_CASE("key requests: automatic mail, replies in a thread and our own address get no key",
          "[mail][intake][pgp]") {
  MailWorld w;
  w.AnswerKeyRequests();
  const std::string body = "Please send your PGP key.";
  CHECK(w.Ingest(Request("auto-1@finder.example", "Bob <bob@finder.example>", body,
                         "Could you send me your PGP key?", {"Auto-Submitted: auto-replied"}))
            .outcome == Outcome::kRecorded);
  CHECK(w.Ingest(Request("list-1@finder.example", "Bob <bob@finder.example>", body,
                         "Could you send me your PGP key?", {"Precedence: list"}))
            .outcome == Outcome::kRecorded);
  CHECK(
      w.Ingest(Request("bounce-1@finder.example", "MAILER-DAEMON@finder.example", body)).outcome ==
      Outcome::kRecorded);
  CHECK(w.Ingest(Request("own-1@src.example", "SRC <Security@src.example>", body)).outcome ==
        Outcome::kNewCase);  // never answered: a case the SRC can look at
  mail::Ingested threaded =
      w.Ingest(Request("re-1@finder.example", "Bob <bob@finder.example>", body, "Re: your PGP key?",
                       {"In-Reply-To: <srcbot.x@src.example>"}));
  CHECK_FALSE(threaded.key_sent);
  CHECK(Due(w).empty());
}

TEST_CASE("key requests: without --pgp-home and SMTP a request is new mail like any other",
          "[mail][intake][pgp]") {
  MailWorld w;  // no AnswerKeyRequests
  mail::Ingested ingested = w.Ingest(Request("ask-1@finder.example"));
  CHECK(ingested.outcome == Outcome::kNewCase);
  CHECK_FALSE(ingested.key_sent);
  CHECK(Due(w).empty());
}

TEST_CASE("key requests: the reply on no case is delivered, or held and reported",
          "[mail][intake][pgp]") {
  MailWorld w;
  w.AnswerKeyRequests();
  RecordingSender recording;
  w.sender.target = &recording;
  REQUIRE(w.Ingest(Request("ask-1@finder.example")).key_sent);
  mail::DeliveryReport report = w.delivery->DrainOnce();
  CHECK(report.sent == 1);
  CHECK(report.store_errors == 0);
  REQUIRE(recording.sent.size() == 1);
  CHECK_THAT(recording.sent[0], Catch::Contains("application/pgp-keys") &&
                                    Catch::Contains("In-Reply-To: <ask-1@finder.example>"));
  CHECK(w.mail->PendingMails().value() == 0);

  // To a list it is held, and the SRC is told.
  w.clock.Advance(std::chrono::hours(25));
  REQUIRE(w.Ingest(Request("ask-2@finder.example", "List <announce@lists.example>")).key_sent);
  report = w.delivery->DrainOnce();
  CHECK(report.held == 1);
  CHECK(recording.sent.size() == 1);
  CHECK_THAT(w.Posts().back(), Catch::Contains("Mail on no case held, not sent: key-reply to "
                                               "announce@lists.example"));
}
