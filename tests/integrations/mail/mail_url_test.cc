#include "integrations/mail/mail_url.h"

#include <catch2/catch.hpp>

using namespace srcbot;
using mail::MailProtocol;
using mail::ParseMailUrl;

TEST_CASE("mail url: IMAP needs TLS off loopback", "[mail]") {
  auto u = ParseMailUrl("imaps://imap.gmail.com/INBOX", MailProtocol::kImap);
  REQUIRE(u.ok());
  CHECK(u.value().server == "imaps://imap.gmail.com");
  CHECK(u.value().folder == "INBOX");
  CHECK_FALSE(u.value().loopback);
  auto sub = ParseMailUrl("imaps://mail.example.org:993/Security%20Reports/", MailProtocol::kImap);
  REQUIRE(sub.ok());
  CHECK(sub.value().server == "imaps://mail.example.org:993");
  CHECK(sub.value().folder == "Security Reports");
  for (const char* ok : {"imap://127.0.0.1:1143/INBOX", "imap://localhost/INBOX",
                         "imap://[::1]:1143/INBOX", "imap://127.0.0.2/INBOX"}) {
    INFO(ok);
    CHECK(ParseMailUrl(ok, MailProtocol::kImap).ok());
  }
  for (const char* bad : {"imap://mail.example.org/INBOX", "imap://127.evil.example/INBOX",
                          "imap://10.0.0.1/INBOX", "https://mail.example.org", "not a url",
                          "imaps://me:secret@mail.example.org/INBOX",
                          "imaps://mail.example.org/INBOX?ALL"}) {
    INFO(bad);
    auto r = ParseMailUrl(bad, MailProtocol::kImap);
    CHECK(r.status().code() == core::Code::kInvalidArgument);
    CHECK(r.status().message().find("secret") == std::string::npos);
  }
}

TEST_CASE("mail url: SMTP is smtps, or smtp with STARTTLS required off loopback", "[mail]") {
  auto tls = ParseMailUrl("smtps://smtp.gmail.com:465", MailProtocol::kSmtp);
  REQUIRE(tls.ok());
  CHECK_FALSE(tls.value().require_starttls);
  auto starttls = ParseMailUrl("smtp://smtp.fastmail.com:587", MailProtocol::kSmtp);
  REQUIRE(starttls.ok());
  CHECK(starttls.value().require_starttls);
  auto loopback = ParseMailUrl("smtp://127.0.0.1:2525", MailProtocol::kSmtp);
  REQUIRE(loopback.ok());
  CHECK_FALSE(loopback.value().require_starttls);
  CHECK_FALSE(ParseMailUrl("imaps://x.example", MailProtocol::kSmtp).ok());
}
