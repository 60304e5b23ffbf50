// IMAP IDLE through the real binary: with --mail-poll-seconds 600 only IDLE
// can bring a mail to #src within seconds of its arrival; SIGTERM while
// srcbot idles still ends it promptly.
#include <catch2/catch.hpp>
#include <csignal>
#include <thread>

#include "tests/fakes/dovecot_server.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/scenario/mail_options.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot;
using namespace srcbot::testing;

TEST_CASE("scenario: with IDLE a mail is in #src within seconds at a 600 s poll",
          "[scenario][mail][idle]") {
  DovecotServer dovecot;
  core::Status up = dovecot.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  MailOptions mail(dovecot, nullptr, "600");

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  // Past the first (timed) pass at start-up, into IDLE.
  std::this_thread::sleep_for(std::chrono::seconds(2));

  for (int n = 1; n <= 2; ++n) {
    const std::string subject = "Heap overflow number " + std::to_string(n);
    dovecot.Deliver(PlainReport("idle-" + std::to_string(n) + "@reporter.example", subject));
    CHECK(s.WaitForPost(kSrcChannel, "New report SRC-" + std::to_string(n) + " by email",
                        std::chrono::seconds(10)));
  }

  auto before = std::chrono::steady_clock::now();
  s.SignalBot(SIGTERM);
  CHECK(s.WaitBot(std::chrono::seconds(10)) != -1);
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(5));
  CHECK(s.BotOutput().find(DovecotServer::kPassword) == std::string::npos);
  INFO(s.BotOutput());
  CHECK(s.BotOutput().find("IDLE failed") == std::string::npos);
}
