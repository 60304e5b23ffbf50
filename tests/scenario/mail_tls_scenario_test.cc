// Mail over TLS through the real binary, as an operator with a self-hosted
// Dovecot and a private CA runs it: imaps:// and smtps:// on 127.0.0.1 with
// a throwaway certificate, trusted through --mail-ca-file. At a 600 s poll
// only IDLE (over TLS too) brings the mail to #src within seconds; `ack`
// reaches the reporter over smtps. Without the CA file nothing is read, and
// the log says it was the certificate.
#include <catch2/catch.hpp>
#include <thread>

#include "integrations/mail/mime_parser.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/integrations/mail/tls_fixture.h"
#include "tests/scenario/mail_options.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot;
using namespace srcbot::testing;

TEST_CASE("scenario: a mailbox and a submission server over TLS, trusted by --mail-ca-file",
          "[scenario][mail][tls]") {
  TempDir dir;
  TestCertificate cert = RequireCertificate(dir);
  DovecotServer dovecot;
  dovecot.UseTls(cert);
  core::Status up = dovecot.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  LoopbackSmtpServer smtp;
  smtp.UseTls(cert);
  up = smtp.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  MailOptions mail(dovecot, &smtp, "600");
  mail.args.insert(mail.args.end(), {"--mail-ca-file", cert.cert_file});

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  std::this_thread::sleep_for(std::chrono::seconds(2));  // past the first pass, into IDLE

  dovecot.Deliver(PlainReport("tls-1@reporter.example", "Heap overflow over TLS"));
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-1 by email from Rita Reporter",
                        std::chrono::seconds(10)));
  s.Command("ack SRC-1");
  for (int i = 0; i < 200 && smtp.Messages().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto mails = smtp.Messages();
  REQUIRE(mails.size() == 1);
  auto ack = mail::ParseMail(mails[0].raw);
  REQUIRE(ack.ok());
  CHECK(ack.value().in_reply_to == "tls-1@reporter.example");
  CHECK(s.BotOutput().find("certificate") == std::string::npos);
  CHECK(s.BotOutput().find(DovecotServer::kPassword) == std::string::npos);
}

TEST_CASE(
    "scenario: without --mail-ca-file a private CA's mailbox is not read, and the log says why",
    "[scenario][mail][tls]") {
  TempDir dir;
  TestCertificate cert = RequireCertificate(dir);
  DovecotServer dovecot;
  dovecot.UseTls(cert);
  REQUIRE(dovecot.Start().ok());
  dovecot.Deliver(PlainReport("tls-2@reporter.example", "Heap overflow, unread"));
  MailOptions mail(dovecot);

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  bool said = false;
  for (int i = 0; i < 100 && !said; ++i) {
    said = s.BotOutput().find("mail: poll failed") != std::string::npos &&
           s.BotOutput().find("certificate") != std::string::npos;
    if (!said) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  INFO(s.BotOutput());
  CHECK(said);
  CHECK(dovecot.CountMessages() == 1);  // left where it was, for the next poll
  CHECK_FALSE(s.WaitForPost(kSrcChannel, "New report", std::chrono::seconds(1)));
  CHECK(s.BotOutput().find(DovecotServer::kPassword) == std::string::npos);
}
