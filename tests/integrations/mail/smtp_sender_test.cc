// SmtpSender against a real SMTP server on 127.0.0.1 (aiosmtpd, with faults).
#include "integrations/mail/smtp_sender.h"

#include <catch2/catch.hpp>

#include "tests/fakes/free_port.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/integrations/mail/mail_samples.h"

using namespace srcbot;
using srcbot::testing::LoopbackSmtpServer;
using Kind = srcbot::mail::SendOutcome::Kind;

namespace {

std::unique_ptr<mail::SmtpSender> Sender(const std::string& url) {
  mail::SmtpOptions o;
  o.url = url;
  o.helo_domain = "src.example";
  o.connection.connect_timeout = std::chrono::seconds(5);
  o.connection.timeout = std::chrono::seconds(20);
  auto opened = mail::SmtpSender::Open(o);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

}  // namespace

TEST_CASE("smtp: sent, 4xx, 5xx and a dropped connection", "[mail][smtp]") {
  LoopbackSmtpServer server;
  core::Status started = server.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  auto sender = Sender(server.url());
  const std::string message = testing::PlainReport("out-1@src.example", "Re: [SRC-1] x");
  const std::vector<std::string> to = {"rita@reporter.example"};

  mail::SendOutcome sent = sender->Send("security@src.example", to, message);
  CHECK(sent.kind == Kind::kSent);
  CHECK(sent.smtp_code == 250);
  auto got = server.Messages();
  REQUIRE(got.size() == 1);
  CHECK(got[0].raw == message);
  CHECK_THAT(got[0].envelope_json, Catch::Contains("security@src.example") &&
                                       Catch::Contains("rita@reporter.example"));

  server.FailNext(LoopbackSmtpServer::Fault::kTempFail, 1);
  mail::SendOutcome temp = sender->Send("security@src.example", to, message);
  CHECK(temp.kind == Kind::kTemporary);
  CHECK(temp.smtp_code == 451);
  CHECK(sender->Send("security@src.example", to, message).kind == Kind::kSent);  // the retry

  server.FailNext(LoopbackSmtpServer::Fault::kReject, 1);
  mail::SendOutcome perm = sender->Send("security@src.example", to, message);
  CHECK(perm.kind == Kind::kPermanent);
  CHECK(perm.smtp_code == 550);

  server.FailNext(LoopbackSmtpServer::Fault::kDrop, 1);
  mail::SendOutcome dropped = sender->Send("security@src.example", to, message);
  CHECK(dropped.kind == Kind::kTemporary);
  INFO(dropped.detail);
  CHECK(sender->Send("security@src.example", to, message).kind == Kind::kSent);
  CHECK(server.Messages().size() == 3);
}

TEST_CASE("smtp: a server that is not there is temporary", "[mail][smtp]") {
  auto sender =
      Sender("smtp://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()));
  mail::SendOutcome o = sender->Send("a@src.example", {"b@x.example"}, "Subject: x\r\n\r\nx\r\n");
  CHECK(o.kind == Kind::kTemporary);
  CHECK(o.smtp_code == 0);
}

TEST_CASE("smtp: CR/LF in an envelope address is refused before connecting", "[mail][smtp]") {
  LoopbackSmtpServer server;
  REQUIRE(server.Start().ok());
  auto sender = Sender(server.url());
  CHECK(sender->Send("a@src.example\r\nRCPT TO:<all@x>", {"b@x.example"}, "x").kind ==
        Kind::kPermanent);
  CHECK(sender->Send("a@src.example", {"b@x.example>\r\nDATA"}, "x").kind == Kind::kPermanent);
  CHECK(sender->Send("a@src.example", {}, "x").kind == Kind::kPermanent);
  CHECK(server.Messages().empty());
}

TEST_CASE("smtp: the URL rules", "[mail][smtp]") {
  mail::SmtpOptions o;
  o.url = "http://mail.example.org";
  CHECK_FALSE(mail::SmtpSender::Open(o).ok());
  o.url = "smtps://user:pw@mail.example.org:465";
  auto with_password = mail::SmtpSender::Open(o);
  REQUIRE_FALSE(with_password.ok());
  CHECK(with_password.status().message().find("pw") == std::string::npos);
  o.url = "smtp://mail.example.org:587";
  CHECK(mail::SmtpSender::Open(o).ok());
}
