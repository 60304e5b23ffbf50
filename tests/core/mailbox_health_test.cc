// When the SRC channel hears that the mailbox cannot be read
// (core/mailbox_health.h): after 15 minutes of failed polls, once a day
// while it lasts, and an all-clear only after a notice.
#include "core/mailbox_health.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
const TimePoint kStart = ParseIsoTime("2026-12-07T09:00:00Z").value();
}

TEST_CASE("mailbox health: a short outage says nothing", "[core][mail]") {
  MailboxHealth health;
  CHECK_FALSE(health.Failed(kStart, "IMAP fetch: Couldn't connect to server"));
  CHECK_FALSE(health.Failed(kStart + minutes(14), "IMAP fetch: Couldn't connect to server"));
  CHECK(health.failing());
  CHECK_FALSE(health.Succeeded(kStart + minutes(14) + std::chrono::seconds(30)));
  CHECK_FALSE(health.failing());
  // The clock starts again with the next failure.
  CHECK_FALSE(health.Failed(kStart + minutes(20), "x"));
  CHECK_FALSE(health.Failed(kStart + minutes(34), "x"));
}

TEST_CASE("mailbox health: a notice that could not be queued is given again", "[core][mail]") {
  MailboxHealth health;
  CHECK_FALSE(health.Failed(kStart, "x"));
  REQUIRE(health.Failed(kStart + minutes(15), "x"));
  health.NoticeLost();
  CHECK(health.Failed(kStart + minutes(16), "x"));  // not a day later
  CHECK_FALSE(health.Failed(kStart + minutes(17), "x"));
}

TEST_CASE("mailbox health: 15 minutes of failures are told once, then daily, then mended",
          "[core][mail]") {
  MailboxHealth health;
  const std::string why = "IMAP login: Login denied <@U0ALICE>";
  CHECK_FALSE(health.Failed(kStart, why));
  auto notice = health.Failed(kStart + minutes(15), why);
  REQUIRE(notice);
  CHECK_THAT(*notice, Catch::Contains("cannot read the SRC's mailbox") &&
                          Catch::Contains("2026-12-07 09:00 UTC") && Catch::Contains("15m") &&
                          Catch::Contains("Login denied") && Catch::Contains("none is lost"));
  CHECK_THAT(*notice, !Catch::Contains("<@U0ALICE>"));  // the error text cannot ping anyone

  CHECK_FALSE(health.Failed(kStart + minutes(16), why));
  CHECK_FALSE(health.Failed(kStart + hours(24), why));
  auto again = health.Failed(kStart + minutes(15) + hours(24), why);
  REQUIRE(again);
  CHECK_THAT(*again, Catch::Contains("since 2026-12-07 09:00 UTC") && Catch::Contains("1d"));

  auto mended = health.Succeeded(kStart + hours(30));
  REQUIRE(mended);
  CHECK_THAT(*mended, Catch::Contains("reads the SRC's mailbox again") &&
                          Catch::Contains("from 2026-12-07 09:00 UTC to 2026-12-08 15:00 UTC"));
  CHECK_FALSE(health.Succeeded(kStart + hours(31)));
  CHECK_FALSE(health.Failed(kStart + hours(31), why));  // a new outage starts its own 15 minutes
}
