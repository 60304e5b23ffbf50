// A key request through the real binary (SPEC §7, "OpenPGP"; docs/mail.md,
// "Key requests"): srcbot serve with --pgp-home, its mailbox in one Dovecot,
// aiosmtpd delivering what it sends into the reporter's own mailbox in a
// second Dovecot. Bob asks for the key; his mailbox receives the reply with
// the SRC key attached, his gpg imports it and verifies the reply's
// signature by it; a second request the same day gets no second reply.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "integrations/mail/imap_mailbox.h"
#include "integrations/mail/mime_parser.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/gpg_home.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/scenario/mail_options.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot;
using namespace srcbot::testing;

namespace {

std::string KeyRequest(const std::string& id) {
  return "From: Bob Finder <bob@finder.example>\r\n"
         "To: security@src.example\r\n"
         "Subject: Could you send me your PGP key?\r\n"
         "Date: Mon, 07 Dec 2026 09:00:00 +0000\r\n"
         "Message-ID: <" +
         id +
         ">\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n\r\n"
         "Hi, I found something in cosign and would like to send it encrypted.\r\n"
         "Thanks, Bob\r\n";
}

// Bob's mail program: what is in his INBOX, over IMAP.
std::vector<std::string> Inbox(const DovecotServer& bobs) {
  mail::ImapOptions o;
  o.url = bobs.url();
  o.connection.user = DovecotServer::kUser;
  o.connection.password = DovecotServer::kPassword;
  auto box = mail::ImapMailbox::Open(o);
  REQUIRE(box.ok());
  auto uids = box.value()->ListUids("INBOX");
  REQUIRE(uids.ok());
  std::vector<std::string> out;
  for (std::uint32_t uid : uids.value()) {
    auto raw = box.value()->Fetch("INBOX", uid);
    REQUIRE(raw.ok());
    out.push_back(raw.value());
  }
  return out;
}

// The signed part and the signature of a multipart/signed mail (RFC 3156):
// the bytes between the first boundary line and the next, and the second part's body.
std::pair<std::string, std::string> SignedParts(const std::string& raw) {
  std::size_t b = raw.find("boundary=\"");
  REQUIRE(b != std::string::npos);
  b += 10;
  const std::string boundary = "--" + raw.substr(b, raw.find('"', b) - b);
  const std::size_t p1 = raw.find(boundary + "\r\n", raw.find("\r\n\r\n")) + boundary.size() + 2;
  const std::size_t e1 = raw.find("\r\n" + boundary, p1);
  const std::size_t p2 = e1 + 2 + boundary.size() + 2;
  const std::size_t e2 = raw.find("\r\n" + boundary, p2);
  REQUIRE(e2 != std::string::npos);
  std::string second = raw.substr(p2, e2 - p2);
  return {raw.substr(p1, e1 - p1), second.substr(second.find("\r\n\r\n") + 4)};
}

}  // namespace

TEST_CASE("scenario: a key request is answered with the SRC key, signed, once a day",
          "[scenario][mail][pgp]") {
  GpgHome src{"Security Response Committee <security@src.example>"};
  GpgHome bob{"Bob Finder <bob@finder.example>"};
  REQUIRE(!src.fingerprint().empty());
  REQUIRE(!bob.fingerprint().empty());
  DovecotServer srcs;  // the SRC's mailbox, watched by srcbot
  REQUIRE(srcs.Start().ok());
  DovecotServer bobs;  // Bob's mailbox, where the SMTP server delivers
  REQUIRE(bobs.Start().ok());
  LoopbackSmtpServer smtp;
  REQUIRE(smtp.Start(bobs.Maildir(), bobs.owner()).ok());
  MailOptions mail(srcs, &smtp);
  mail.args.insert(mail.args.end(), {"--pgp-home", src.home()});

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());

  srcs.Deliver(KeyRequest("ask-1@finder.example"));
  REQUIRE(s.WaitForPost(kSrcChannel, "Sent the SRC's OpenPGP key to Bob Finder"));
  std::vector<std::string> inbox;
  for (int i = 0; i < 200 && inbox.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    inbox = Inbox(bobs);
  }
  REQUIRE(inbox.size() == 1);
  const std::string& raw = inbox[0];
  INFO(raw);
  auto reply = mail::ParseMail(raw);
  REQUIRE(reply.ok());
  CHECK(reply.value().in_reply_to == "ask-1@finder.example");
  CHECK(reply.value().subject == "Re: Could you send me your PGP key?");
  CHECK_THAT(reply.value().text_body, Catch::Contains("Fingerprint: " + src.fingerprint()));
  CHECK_THAT(raw, Catch::Contains("multipart/signed") && Catch::Contains("application/pgp-keys"));

  // Bob's gpg takes the attached key: it is the SRC's.
  REQUIRE(reply.value().openpgp_keys.size() == 1);
  REQUIRE(bob.Import(reply.value().openpgp_keys[0]));
  std::string listing;
  bob.Gpg({"--with-colons", "--list-keys", "security@src.example"}, &listing);
  CHECK_THAT(listing, Catch::Contains(src.fingerprint()));
  // And the reply is signed by that key.
  auto [signed_part, signature] = SignedParts(raw);
  CHECK(bob.Verify(signed_part, signature));

  // Not a case: nothing to list in #src.
  CHECK_THAT(s.Command("list"), !Catch::Contains("SRC-1"));

  // A second request the same day: recorded and noted, no second reply.
  srcs.Deliver(KeyRequest("ask-2@finder.example"));
  REQUIRE(s.WaitForPost(kSrcChannel, "asked for the SRC's OpenPGP key again"));
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the delivery runs every second
  CHECK(smtp.Messages().size() == 1);
  CHECK(Inbox(bobs).size() == 1);
}
