// The whole way out and back: a reply built by the MIME builder, sent through
// SMTP (aiosmtpd), delivered into Dovecot's Maildir, fetched over IMAP and
// parsed, with its threading intact, so the reporter's answer to it threads.
#include <catch2/catch.hpp>

#include "core/mail_reply.h"
#include "core/mail_thread.h"
#include "integrations/mail/imap_mailbox.h"
#include "integrations/mail/mime_builder.h"
#include "integrations/mail/mime_parser.h"
#include "integrations/mail/smtp_sender.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/integrations/mail/mail_samples.h"

using namespace srcbot;

TEST_CASE("mail round trip: built, sent, delivered, fetched, threaded", "[mail][imap][smtp]") {
  testing::DovecotServer dovecot;
  REQUIRE(dovecot.Start().ok());
  testing::LoopbackSmtpServer smtp;
  REQUIRE(smtp.Start(dovecot.Maildir(), dovecot.owner()).ok());

  auto report = mail::ParseMail(testing::PlainReport("report-1@reporter.example", "Heap overflow"));
  REQUIRE(report.ok());
  std::array<std::uint8_t, 16> random{};
  random.fill(0xab);
  auto id = core::MakeMessageId(random, "security@src.example");
  REQUIRE(id.ok());
  core::OutgoingMail reply = core::MakeReply(
      report.value(), 5, {"security@src.example", "SRC"}, id.value(),
      core::TimePoint{std::chrono::seconds(1'796'119'200)}, "We have your report: SRC-5.\n");
  reply.auto_replied = true;
  auto bytes = mail::BuildMail(reply);
  REQUIRE(bytes.ok());

  mail::SmtpOptions so;
  so.url = smtp.url();
  auto sender = mail::SmtpSender::Open(so);
  REQUIRE(sender.ok());
  mail::SendOutcome sent =
      sender.value()->Send("security@src.example", {"rita@reporter.example"}, bytes.value());
  INFO(sent.detail);
  REQUIRE(sent.sent());

  mail::ImapOptions io;
  io.url = dovecot.url();
  io.connection.user = testing::DovecotServer::kUser;
  io.connection.password = testing::DovecotServer::kPassword;
  auto box = mail::ImapMailbox::Open(io);
  REQUIRE(box.ok());
  auto uids = box.value()->ListUids("INBOX");
  REQUIRE(uids.ok());
  REQUIRE(uids.value().size() == 1);
  auto raw = box.value()->Fetch("INBOX", uids.value()[0]);
  REQUIRE(raw.ok());
  auto back = mail::ParseMail(raw.value());
  REQUIRE(back.ok());
  const core::InboundMail& m = back.value();
  CHECK(m.message_id == id.value());
  CHECK(m.in_reply_to == "report-1@reporter.example");
  CHECK(m.references == std::vector<std::string>{"report-1@reporter.example"});
  CHECK(m.subject == "Re: [SRC-5] Heap overflow");
  CHECK(m.from.address == "security@src.example");
  CHECK(m.auto_submitted == "auto-replied");
  REQUIRE(m.return_path.has_value());
  CHECK(*m.return_path == "security@src.example");
  CHECK(m.text_body.starts_with("We have your report: SRC-5."));

  // The reporter answers it: the answer threads to SRC-5 by In-Reply-To.
  core::KnownThreads known;
  known.sent[id.value()] = 5;
  core::InboundMail answer = report.value();
  answer.message_id = "report-2@reporter.example";
  answer.in_reply_to = m.message_id;
  answer.references = {"report-1@reporter.example", m.message_id};
  core::InboundDecision d = core::ClassifyInbound(answer, known);
  CHECK(d.action == core::InboundAction::kAppend);
  CHECK(d.case_id == 5);
}
