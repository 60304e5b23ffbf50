// The intake against a real Dovecot (tests/fakes/dovecot_server.h): a message
// is moved only after its case is committed; a crash between the two makes
// no second case; an unreadable message goes to srcbot/failed; IMAP down
// loses nothing.
#include <catch2/catch.hpp>

#include "integrations/mail/imap_mailbox.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/free_port.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/integrations/mail/mail_world.h"

using namespace srcbot;
using namespace srcbot::testing;

namespace {

std::unique_ptr<mail::ImapMailbox> Box(const std::string& url) {
  mail::ImapOptions o;
  o.url = url + "/INBOX";
  o.connection.user = DovecotServer::kUser;
  o.connection.password = DovecotServer::kPassword;
  o.connection.connect_timeout = std::chrono::milliseconds(2000);
  o.connection.timeout = std::chrono::seconds(20);
  auto opened = mail::ImapMailbox::Open(o);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

}  // namespace

TEST_CASE("mail intake over IMAP: committed, then moved; crash-safe; unreadable kept",
          "[mail][intake][imap]") {
  DovecotServer server;
  core::Status started = server.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  MailWorld w;

  // IMAP down: the poll fails, nothing is taken.
  auto down = Box("imap://127.0.0.1:" + std::to_string(FreeLoopbackPort()));
  server.Deliver(PlainReport("report-1@reporter.example", "Heap overflow"));
  CHECK_FALSE(w.intake->PollOnce(*down).ok());
  CHECK(server.CountMessages() == 1);

  auto box = Box(server.url());
  auto polled = w.intake->PollOnce(*box);
  INFO(polled.status().message());
  REQUIRE(polled.ok());
  CHECK(polled.value().ingested == 1);
  CHECK(server.CountMessages() == 0);
  CHECK(server.CountMessages("srcbot/processed") == 1);

  // kill -9 between commit and move: the message is back in the INBOX with
  // its case committed. The next poll only moves it.
  server.Deliver(PlainReport("report-1@reporter.example", "Heap overflow"));
  polled = w.intake->PollOnce(*box);
  REQUIRE(polled.ok());
  CHECK(polled.value().duplicates == 1);
  CHECK(server.CountMessages() == 0);
  auto list = w.cases->List(true);
  REQUIRE(list.ok());
  CHECK(list.value().size() == 1);

  // No header at all: unreadable. Kept in srcbot/failed, reported without content.
  server.Deliver("\r\nsecret exploit text only\r\n");
  polled = w.intake->PollOnce(*box);
  REQUIRE(polled.ok());
  CHECK(server.CountMessages("srcbot/failed") == 1);
  CHECK(server.CountMessages() == 0);
  const std::string post = w.Posts().back();
  CHECK_THAT(post, Catch::Contains("could not be read") && Catch::Contains("srcbot/failed") &&
                       !Catch::Contains("secret exploit"));
}
