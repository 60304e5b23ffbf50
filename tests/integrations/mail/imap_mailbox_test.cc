// ImapMailbox against a real Dovecot on 127.0.0.1 (tests/fakes/dovecot_server.h).
#include "integrations/mail/imap_mailbox.h"

#include <catch2/catch.hpp>

#include "integrations/mail/mime_parser.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/free_port.h"
#include "tests/integrations/mail/mail_samples.h"

using namespace srcbot;
using srcbot::testing::DovecotServer;

namespace {

std::unique_ptr<mail::Mailbox> Connect(const DovecotServer& server, bool use_move = true,
                                       const std::string& password = DovecotServer::kPassword) {
  mail::ImapOptions o;
  o.url = server.url() + "/INBOX";
  o.connection.user = DovecotServer::kUser;
  o.connection.password = password;
  o.connection.timeout = std::chrono::seconds(20);
  o.use_move = use_move;
  auto opened = mail::ImapMailbox::Open(o);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

}  // namespace

TEST_CASE("imap: list, fetch and move against Dovecot", "[mail][imap]") {
  DovecotServer server;
  core::Status started = server.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  server.Deliver(testing::PlainReport("one@reporter.example", "first"));
  server.Deliver(testing::PlainReport("two@reporter.example", "second"));
  bool use_move = GENERATE(true, false);  // MOVE, and COPY + STORE + EXPUNGE
  INFO("use_move " << use_move);
  auto box = Connect(server, use_move);

  auto uids = box->ListUids("INBOX");
  REQUIRE(uids.ok());
  REQUIRE(uids.value().size() == 2);

  std::set<std::string> ids;
  for (std::uint32_t uid : uids.value()) {
    auto raw = box->Fetch("INBOX", uid);
    REQUIRE(raw.ok());
    auto parsed = mail::ParseMail(raw.value());
    REQUIRE(parsed.ok());
    ids.insert(parsed.value().message_id);
  }
  CHECK(ids == std::set<std::string>{"one@reporter.example", "two@reporter.example"});

  REQUIRE(box->EnsureFolder("srcbot/processed").ok());
  REQUIRE(box->EnsureFolder("srcbot/processed").ok());  // exists: still ok
  REQUIRE(box->Move("INBOX", uids.value()[0], "srcbot/processed").ok());
  auto left = box->ListUids("INBOX");
  REQUIRE(left.ok());
  CHECK(left.value() == std::vector<std::uint32_t>{uids.value()[1]});
  auto moved = box->ListUids("srcbot/processed");
  REQUIRE(moved.ok());
  CHECK(moved.value().size() == 1);
  CHECK(server.CountMessages("srcbot/processed") == 1);
  CHECK(server.CountMessages() == 1);
}

TEST_CASE("imap: errors come back as values", "[mail][imap]") {
  DovecotServer server;
  REQUIRE(server.Start().ok());
  auto box = Connect(server);
  SECTION("no such message") {
    CHECK(box->Fetch("INBOX", 4242).status().code() == core::Code::kNotFound);
  }
  SECTION("moving to a folder that does not exist") {
    server.Deliver(testing::PlainReport());
    auto uids = box->ListUids("INBOX");
    REQUIRE(uids.ok());
    REQUIRE(uids.value().size() == 1);
    core::Status s = box->Move("INBOX", uids.value()[0], "no/such/folder");
    CHECK_FALSE(s.ok());
    CHECK(server.CountMessages() == 1);  // nothing lost
  }
  SECTION("a wrong password") {
    auto bad = Connect(server, true, "wrong");
    core::Status s = bad->ListUids("INBOX").status();
    CHECK(s.code() == core::Code::kPermissionDenied);
    CHECK(s.message().find("wrong") == std::string::npos);
  }
  SECTION("a folder name IMAP cannot carry") {
    CHECK(box->EnsureFolder("caf\xc3\xa9").code() == core::Code::kInvalidArgument);
    CHECK(box->EnsureFolder("a\r\nb").code() == core::Code::kInvalidArgument);
  }
  SECTION("the server gone") {
    server.Stop();
    CHECK(box->ListUids("INBOX").status().code() == core::Code::kUnavailable);
  }
}

TEST_CASE("imap: nothing listening is kUnavailable, quickly", "[mail][imap]") {
  mail::ImapOptions o;
  o.url = "imap://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()) + "/INBOX";
  o.connection.user = "u";
  o.connection.password = "p";
  auto box = mail::ImapMailbox::Open(o);
  REQUIRE(box.ok());
  CHECK(box.value()->ListUids("INBOX").status().code() == core::Code::kUnavailable);
}

TEST_CASE("imap: plain imap:// is refused off loopback", "[mail][imap]") {
  mail::ImapOptions o;
  o.url = "imap://mail.example.org/INBOX";
  auto box = mail::ImapMailbox::Open(o);
  REQUIRE_FALSE(box.ok());
  CHECK_THAT(box.status().message(), Catch::Contains("imaps://"));
}
