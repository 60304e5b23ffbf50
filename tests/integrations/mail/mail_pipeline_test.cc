// Mail end to end through the real stores, intake, delivery and SMTP client
// (docs/mail.md): intake decisions, ack threading, retries, the guard.
#include <catch2/catch.hpp>

#include "core/mail_outbox.h"
#include "integrations/mail/mime_parser.h"
#include "tests/fakes/free_port.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/integrations/mail/mail_world.h"

using namespace srcbot;
using namespace srcbot::testing;
using Outcome = mail::Ingested::Outcome;

namespace {

std::string Reply(const std::string& from, const std::string& id, const std::string& subject,
                  const std::string& in_reply_to, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> lines = {"From: " + from, "To: security@src.example",
                                    "Subject: " + subject, "Message-ID: <" + id + ">"};
  if (!in_reply_to.empty()) lines.push_back("In-Reply-To: <" + in_reply_to + ">");
  for (const std::string& e : extra) lines.push_back(e);
  lines.insert(lines.end(), {"Content-Type: text/plain; charset=utf-8", "", "More detail."});
  return Crlf(lines);
}

void StartSmtp(LoopbackSmtpServer& smtp, std::unique_ptr<mail::SmtpSender>& live, MailWorld& w) {
  core::Status started = smtp.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  live = SmtpTo(smtp.url());
  w.sender.target = live.get();
}

// The value of header `name` (as the builder spells it) in `raw`.
std::string HeaderOf(const std::string& raw, const std::string& name) {
  auto at = raw.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  at += name.size() + 4;
  return raw.substr(at, raw.find("\r\n", at) - at);
}

}  // namespace

TEST_CASE("mail intake: a report opens a case, a reply joins it, a stranger's [SRC-1] does not",
          "[mail][intake]") {
  MailWorld w;
  mail::Ingested first = w.Ingest(PlainReport("report-1@reporter.example", "Heap overflow"));
  CHECK(first.outcome == Outcome::kNewCase);
  CHECK(first.case_id == 1);
  auto c = w.cases->Load(1);
  REQUIRE(c.ok());
  CHECK(c.value().title == "Heap overflow");
  CHECK(c.value().via == core::Via::kEmail);
  CHECK(c.value().reporter == "rita@reporter.example");
  CHECK(c.value().stage == core::Stage::kReported);
  REQUIRE(w.Posts().size() == 1);
  CHECK_THAT(w.Posts()[0], Catch::Contains("New report SRC-1 by email from Rita Reporter") &&
                               Catch::Contains("The parser overflows on long input."));

  // The same message again (a crash before the folder move): nothing new.
  CHECK(w.Ingest(PlainReport("report-1@reporter.example", "Heap overflow")).repeated);
  // The reporter answers in the thread, and by [SRC-1] in the subject.
  CHECK(w.Ingest(Reply("rita@reporter.example", "r2@reporter.example", "Re: Heap overflow",
                       "report-1@reporter.example"))
            .outcome == Outcome::kAppended);
  CHECK(w.Ingest(Reply("Rita <RITA@reporter.example>", "r3@reporter.example", "[SRC-1] logs", ""))
            .outcome == Outcome::kAppended);
  // A stranger's forged [SRC-1] opens a case of its own.
  mail::Ingested forged =
      w.Ingest(Reply("mallory@evil.example", "m1@evil.example", "Re: [SRC-1] Heap overflow", ""));
  CHECK(forged.outcome == Outcome::kNewCase);
  CHECK(forged.case_id == 2);
  CHECK_THAT(w.Timeline(1), !Catch::Contains("mallory"));
  CHECK_THAT(w.Timeline(1),
             Catch::Contains("mail-received: Mail on SRC-1 from rita@reporter.example"));
  auto thread = w.mail->Thread(1);
  REQUIRE(thread.ok());
  REQUIRE(thread.value());
  CHECK(thread.value()->latest.message_id == "r3@reporter.example");
}

TEST_CASE("mail intake: an auto-reply is recorded on its case and never answered",
          "[mail][intake]") {
  MailWorld w;
  w.Ingest(PlainReport());
  const std::size_t posts = w.Posts().size();
  mail::Ingested vacation =
      w.Ingest(Reply("rita@reporter.example", "ooo@reporter.example", "Out of office",
                     "report-1@reporter.example", {"Auto-Submitted: auto-replied"}));
  CHECK(vacation.outcome == Outcome::kRecorded);
  CHECK(vacation.case_id == 1);
  CHECK(w.Posts().size() == posts);  // no post
  CHECK_THAT(w.Timeline(1), Catch::Contains("mail-recorded: Automatic mail on SRC-1"));
  auto due = w.mail->DueMails(w.clock.Now(), 10);
  REQUIRE(due.ok());
  CHECK(due.value().empty());  // nothing answers it
  // A bounce in no thread is kept, on no case.
  CHECK(w.Ingest(Reply("MAILER-DAEMON@mx.example", "b1@mx.example", "Undelivered", "")).case_id ==
        0);
  auto list = w.cases->List(true);
  REQUIRE(list.ok());
  CHECK(list.value().size() == 1);
}

TEST_CASE("mail: ack mails the reporter in the report's thread", "[mail][smtp]") {
  MailWorld w;
  LoopbackSmtpServer smtp;
  std::unique_ptr<mail::SmtpSender> live;
  StartSmtp(smtp, live, w);
  w.Ingest(PlainReport("report-1@reporter.example", "Heap overflow in the parser"));
  w.Run("ack SRC-1");
  CHECK(w.delivery->DrainOnce().sent == 1);
  auto got = smtp.Messages();
  REQUIRE(got.size() == 1);
  const std::string raw = got[0].raw;
  CHECK(HeaderOf(raw, "In-Reply-To") == "<report-1@reporter.example>");
  CHECK(HeaderOf(raw, "Subject") == "Re: [SRC-1] Heap overflow in the parser");
  CHECK(HeaderOf(raw, "Auto-Submitted") == "auto-replied");
  CHECK_THAT(got[0].envelope_json, Catch::Contains("rita@reporter.example"));
  CHECK_THAT(w.Timeline(1), Catch::Contains("mail-queued: Mail queued for SRC-1: ack to "
                                            "rita@reporter.example") &&
                                Catch::Contains("mail-sent: Mail sent for SRC-1: ack"));
  // `mail` writes in the same thread, as a person: no Auto-Submitted.
  w.Run("mail SRC-1 \"Could you send the crashing input?\"");
  CHECK(w.delivery->DrainOnce().sent == 1);
  got = smtp.Messages();
  REQUIRE(got.size() == 2);
  CHECK(HeaderOf(got[1].raw, "Auto-Submitted").empty());
  CHECK_THAT(got[1].raw, Catch::Contains("Could you send the crashing input?"));
  // The reporter's reply to our ack is correspondence on SRC-1.
  auto ours = mail::ParseMail(raw);
  REQUIRE(ours.ok());
  REQUIRE_FALSE(ours.value().message_id.empty());
  CHECK(w.Ingest(Reply("rita@reporter.example", "r9@reporter.example", "Re: [SRC-1] x",
                       ours.value().message_id))
            .outcome == Outcome::kAppended);
}

TEST_CASE("mail delivery: a 4xx, then success, sends exactly once", "[mail][smtp]") {
  MailWorld w;
  LoopbackSmtpServer smtp;
  std::unique_ptr<mail::SmtpSender> live;
  StartSmtp(smtp, live, w);
  w.Ingest(PlainReport());
  smtp.FailNext(LoopbackSmtpServer::Fault::kTempFail, 1);
  w.Run("ack SRC-1");
  CHECK(w.delivery->DrainOnce().retried == 1);
  CHECK(w.delivery->DrainOnce().sent == 0);  // not before its backoff
  w.clock.Advance(std::chrono::seconds(10));
  CHECK(w.delivery->DrainOnce().sent == 1);
  w.clock.Advance(std::chrono::minutes(30));
  CHECK(w.delivery->DrainOnce().sent == 0);
  CHECK(smtp.Messages().size() == 1);
}

TEST_CASE("mail delivery: the SMTP server down, then up: nothing lost, nothing twice",
          "[mail][smtp]") {
  MailWorld w;
  w.Ingest(PlainReport());
  auto dead = SmtpTo("smtp://127.0.0.1:" + std::to_string(FreeLoopbackPort()));
  w.sender.target = dead.get();
  w.Run("ack SRC-1");
  w.Run("mail SRC-1 \"Second mail\"");
  for (int i = 0; i < 3; ++i) {
    CHECK(w.delivery->DrainOnce().retried == 2);
    w.clock.Advance(std::chrono::minutes(11));
  }
  LoopbackSmtpServer smtp;
  std::unique_ptr<mail::SmtpSender> live;
  StartSmtp(smtp, live, w);
  CHECK(w.delivery->DrainOnce().sent == 2);
  w.clock.Advance(std::chrono::minutes(11));
  CHECK(w.delivery->DrainOnce().sent == 0);
  REQUIRE(smtp.Messages().size() == 2);
  CHECK_THAT(smtp.Messages()[1].raw, Catch::Contains("Second mail"));
}

TEST_CASE("mail delivery: a 5xx holds the mail and says so in the SRC channel", "[mail][smtp]") {
  MailWorld w;
  LoopbackSmtpServer smtp;
  std::unique_ptr<mail::SmtpSender> live;
  StartSmtp(smtp, live, w);
  w.Ingest(PlainReport());
  smtp.FailNext(LoopbackSmtpServer::Fault::kReject, 1);
  w.Run("ack SRC-1");
  CHECK(w.delivery->DrainOnce().held == 1);
  w.clock.Advance(std::chrono::hours(1));
  CHECK(w.delivery->DrainOnce().sent == 0);
  CHECK(smtp.Messages().empty());
  CHECK_THAT(w.Posts().back(), Catch::Contains("Mail for SRC-1 held, not sent: ack to "
                                               "rita@reporter.example") &&
                                   Catch::Contains("the mail server refused it"));
}

TEST_CASE("mail guard: an embargoed case's mail to a list is refused, nothing sent",
          "[mail][smtp][embargo]") {
  MailWorld w;
  LoopbackSmtpServer smtp;
  std::unique_ptr<mail::SmtpSender> live;
  StartSmtp(smtp, live, w);
  w.Ingest(PlainReport());
  for (core::MailKind kind : {core::MailKind::kCorrespondence, core::MailKind::kAnnouncement}) {
    auto queued = w.cases->Update(1, [&](const core::Case& c) -> core::Result<core::Change> {
      core::Change change{c, {}, {}};
      core::QueuedMail q{1, kind, {}};
      q.mail.from = {kSrcAddress, ""};
      q.mail.to = {{kAnnounceList, ""}};
      q.mail.subject = "[SRC-1] details";
      q.mail.message_id = "leak-" + std::string(core::MailKindName(kind)) + "@src.example";
      q.mail.text_body = "Heap overflow details";
      change.mails.push_back(q);
      return change;
    });
    REQUIRE(queued.ok());
  }
  CHECK(w.delivery->DrainOnce().held == 2);
  CHECK(smtp.Messages().empty());
  auto decisions = w.cases->Decisions(1);
  REQUIRE(decisions.ok());
  REQUIRE(decisions.value().size() == 2);
  for (const core::EmbargoDecision& d : decisions.value()) {
    CHECK(d.outcome == "refused");
    CHECK(d.kind == "mail");
    CHECK(d.destination == kAnnounceList);
  }
  CHECK_THAT(w.Posts().back(), Catch::Contains("the embargo guard refused it") &&
                                   !Catch::Contains("Heap overflow details"));
}
