// SPEC §7: a message is moved out of the watched folder only after its case
// change is committed, and "a crash between the two neither loses nor
// duplicates it". Through the real binary, killed with SIGKILL while a
// committed message is still in the INBOX.
//
// The window between the commit and the move is a few milliseconds, too
// short to hit with a timed kill. The test holds it open instead: once
// srcbot has made its folders, the done folder is removed behind its back,
// so the move of the next message fails (IMAP NO [TRYCREATE]) after the
// commit and the message stays in the INBOX, poll after poll, until the kill.
// A restart makes the folder again and must only move the message.
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <thread>

#include "bot/net/http_client.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/scenario/mail_options.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot;
using namespace srcbot::testing;

namespace {

bool WaitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// True once srcbot's /metrics says its Slack outbox is empty: the posts it
// made are marked sent. (A kill between a post and its mark sends the post
// again after the restart: the outbox is at least once, by design.)
bool OutboxDrained(const Scenario& s) {
  auto http = bot::MakeCpprestHttpClient();
  auto r = http->Send("GET", "http://127.0.0.1:" + std::to_string(s.http_port()) + "/metrics", {},
                      "", std::chrono::seconds(2));
  return r.ok() && r.value().body.find("\nsrcbot_outbox_pending 0\n") != std::string::npos;
}

}  // namespace

TEST_CASE("scenario: srcbot killed between the commit and the move loses and repeats nothing",
          "[scenario][mail]") {
  DovecotServer dovecot;
  core::Status up = dovecot.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  MailOptions mail(dovecot, nullptr, "0.3");

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());

  // The first message proves the folders exist and the intake runs.
  dovecot.Deliver(PlainReport("report-1@reporter.example", "First report"));
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-1"));
  REQUIRE(WaitFor([&] { return dovecot.CountMessages("srcbot/processed") == 1; }));

  std::filesystem::remove_all(dovecot.Maildir("srcbot/processed"));
  dovecot.Deliver(PlainReport("report-2@reporter.example", "Second report"));
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-2"));
  // Committed and posted, and still in the INBOX: the move failed.
  REQUIRE(WaitFor(
      [&] { return s.BotOutput().find("not moved to srcbot/processed") != std::string::npos; }));
  CHECK(dovecot.CountMessages() == 1);
  REQUIRE(WaitFor([&] { return OutboxDrained(s); }));
  s.KillBot(SIGKILL);

  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  CHECK(WaitFor([&] { return dovecot.CountMessages("srcbot/processed") == 1; }));
  CHECK(dovecot.CountMessages() == 0);
  // A few more polls: nothing comes in twice.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  CHECK(s.CountPosts("New report SRC-2") == 1);
  CHECK(s.CountPosts("New report SRC-3") == 0);
  CHECK_THAT(s.Command("show SRC-2"), Catch::Contains("Second report"));
  CHECK_THAT(s.Command("show SRC-3"), !Catch::Contains("Second report"));
}
