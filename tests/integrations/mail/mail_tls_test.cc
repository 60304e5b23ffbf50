// The mail clients over TLS, as every real mailbox is reached (imaps://,
// smtps://): a real Dovecot and the aiosmtpd server present a throwaway
// certificate (tests/fakes/test_certificate.h). Trusted through the CA file
// (--mail-ca-file), mail is read, idled on and sent; not trusted, nothing is
// read or sent, and the error says it was the certificate.
#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "integrations/mail/imap_idler.h"
#include "integrations/mail/imap_mailbox.h"
#include "integrations/mail/smtp_sender.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/integrations/mail/tls_fixture.h"

using namespace srcbot;
using namespace srcbot::testing;
using std::chrono::milliseconds;
using Kind = mail::SendOutcome::Kind;

namespace {

mail::ConnectionOptions Login(const std::string& ca_file) {
  mail::ConnectionOptions o;
  o.user = DovecotServer::kUser;
  o.password = DovecotServer::kPassword;
  o.ca_file = ca_file;
  o.connect_timeout = milliseconds(5000);
  o.timeout = std::chrono::seconds(20);
  return o;
}

std::unique_ptr<mail::ImapMailbox> Mailbox(const std::string& url, const std::string& ca_file) {
  auto opened = mail::ImapMailbox::Open({url + "/INBOX", Login(ca_file)});
  REQUIRE(opened.ok());
  return std::move(opened).value();
}


}  // namespace

TEST_CASE("imaps: read with the CA file; an untrusted certificate reads nothing",
          "[mail][imap][tls]") {
  TempDir dir;
  TestCertificate cert = RequireCertificate(dir);
  DovecotServer server;
  server.UseTls(cert);
  core::Status started = server.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  REQUIRE(server.url().starts_with("imaps://"));
  server.Deliver(PlainReport("tls-1@reporter.example"));

  auto trusted = Mailbox(server.url(), cert.cert_file);
  auto uids = trusted->ListUids("INBOX");
  INFO(uids.status().message());
  REQUIRE(uids.ok());
  REQUIRE(uids.value().size() == 1);
  auto raw = trusted->Fetch("INBOX", uids.value()[0]);
  REQUIRE(raw.ok());
  CHECK_THAT(raw.value(), Catch::Contains("Message-ID: <tls-1@reporter.example>"));

  // The system's CAs do not know the test's certificate.
  auto untrusted = Mailbox(server.url(), "");
  auto refused = untrusted->ListUids("INBOX");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == core::Code::kPermissionDenied);
  CHECK_THAT(refused.status().message(), Catch::Contains("certificate"));
  CHECK(refused.status().message().find(DovecotServer::kPassword) == std::string::npos);
}

TEST_CASE("imaps: IDLE over TLS wakes on a delivered message", "[mail][imap][idle][tls]") {
  TempDir dir;
  TestCertificate cert = RequireCertificate(dir);
  DovecotServer server;
  server.UseTls(cert);
  REQUIRE(server.Start().ok());
  auto opened = mail::ImapIdler::Open({server.url() + "/INBOX", "INBOX", Login(cert.cert_file)});
  REQUIRE(opened.ok());
  auto idler = std::move(opened).value();
  std::atomic<bool> stop{false};

  // The first wait connects, logs in over TLS and idles; a delivery wakes it.
  auto waited =
      std::async(std::launch::async, [&] { return idler->Wait(milliseconds(60'000), stop); });
  std::this_thread::sleep_for(milliseconds(1500));
  const auto delivered = std::chrono::steady_clock::now();
  server.Deliver(PlainReport("tls-idle@reporter.example"));
  REQUIRE(waited.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  auto woken = waited.get();
  INFO(woken.status().message());
  REQUIRE(woken.ok());
  CHECK(woken.value() == mail::ImapIdler::Woken::kNewMail);
  CHECK(std::chrono::steady_clock::now() - delivered < std::chrono::seconds(20));

  // Untrusted: an error at once, not a wait.
  auto bare = mail::ImapIdler::Open({server.url() + "/INBOX", "INBOX", Login("")});
  REQUIRE(bare.ok());
  auto refused = bare.value()->Wait(milliseconds(60'000), stop);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.status().message(), Catch::Contains("certificate"));
}

TEST_CASE("smtps: sent with the CA file; an untrusted certificate sends nothing and is not retried",
          "[mail][smtp][tls]") {
  TempDir dir;
  TestCertificate cert = RequireCertificate(dir);
  LoopbackSmtpServer server;
  server.UseTls(cert);
  core::Status started = server.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  REQUIRE(server.url().starts_with("smtps://"));
  const std::string message = PlainReport("out-tls@src.example", "Re: [SRC-1] x");
  const std::vector<std::string> to = {"rita@reporter.example"};

  auto send_with = [&](const std::string& ca_file) {
    mail::SmtpOptions o;
    o.url = server.url();
    o.helo_domain = "src.example";
    o.connection.ca_file = ca_file;
    o.connection.connect_timeout = std::chrono::seconds(5);
    o.connection.timeout = std::chrono::seconds(20);
    auto sender = mail::SmtpSender::Open(o);
    REQUIRE(sender.ok());
    return sender.value()->Send("security@src.example", to, message);
  };

  mail::SendOutcome sent = send_with(cert.cert_file);
  INFO(sent.detail);
  CHECK(sent.kind == Kind::kSent);
  auto got = server.Messages();
  REQUIRE(got.size() == 1);
  CHECK(got[0].raw == message);

  // A certificate that does not verify is the operator's to fix: retrying
  // would not help, so it is permanent (held, and said in #src).
  mail::SendOutcome refused = send_with("");
  INFO(refused.detail);
  CHECK(refused.kind == Kind::kPermanent);
  CHECK_THAT(refused.detail, Catch::Contains("certificate"));
  CHECK(server.Messages().size() == 1);
}
