// The SRC hears when its mailbox cannot be read, through the real binary:
// Dovecot goes down while a report waits in it; after --mail-alert-minutes
// of failed polls #src is told once (no credential, nothing lost); when
// Dovecot is back the report becomes a case and #src hears the all-clear.
#include <catch2/catch.hpp>
#include <thread>

#include "tests/fakes/dovecot_server.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/scenario/mail_options.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot;
using namespace srcbot::testing;

TEST_CASE("scenario: a mailbox that cannot be read is told to #src once, and its mending",
          "[scenario][mail]") {
  DovecotServer dovecot;
  core::Status up = dovecot.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  MailOptions mail(dovecot);
  mail.args.insert(mail.args.end(), {"--mail-alert-minutes", "0.05"});  // 3 s

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  std::this_thread::sleep_for(std::chrono::seconds(1));  // a good poll first

  dovecot.Stop();
  dovecot.Deliver(PlainReport("outage-1@reporter.example", "Overflow mailed during an outage"));
  REQUIRE(s.WaitForPost(kSrcChannel, "cannot read the SRC's mailbox", std::chrono::seconds(15)));
  std::this_thread::sleep_for(std::chrono::seconds(4));  // more failed polls, past the 3 s again
  CHECK(s.CountPosts("cannot read the SRC's mailbox") == 1);
  CHECK(s.CountPosts("New report") == 0);

  up = dovecot.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  CHECK(s.WaitForPost(kSrcChannel, "New report SRC-1 by email", std::chrono::seconds(15)));
  CHECK(s.WaitForPost(kSrcChannel, "reads the SRC's mailbox again", std::chrono::seconds(5)));
  CHECK(s.BotOutput().find(DovecotServer::kPassword) == std::string::npos);
}
