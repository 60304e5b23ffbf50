#include "core/buttons.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

TEST_CASE("buttons: which posts carry which buttons", "[buttons]") {
  auto ack = ButtonsFor(kOffersAck, {3});
  REQUIRE(ack.size() == 2);
  CHECK(ack[0].action == ButtonAction::kAck);
  CHECK(ack[0].target == "SRC-3");
  CHECK(ack[0].label == "Acknowledge");
  CHECK(ack[1].action == ButtonAction::kSnooze);
  CHECK(ack[1].label == "Snooze 4h");
  REQUIRE(ButtonsFor(kOffersSnooze, {3}).size() == 1);
  REQUIRE(ButtonsFor(kOffersRelease, {3}).size() == 1);
  CHECK(ButtonsFor(kOffersRelease, {3})[0].action == ButtonAction::kRelease);
  auto vote = ButtonsFor(OffersVote(2), {});
  REQUIRE(vote.size() == 3);
  CHECK(vote[0].target == "2");
  CHECK(vote[2].label == "Abstain");
  CHECK(ButtonsFor("", {3}).empty());
  CHECK(ButtonsFor("ack", {}).empty());  // a case button needs a case
  CHECK(ButtonsFor("close", {3}).empty());
  CHECK(ButtonsFor("vote:", {}).empty());
  CHECK(ButtonsFor("vote:x", {}).empty());
}

TEST_CASE("buttons: a click becomes the typed command", "[buttons]") {
  auto ack = ReadClick("ack", "SRC-3");
  REQUIRE(ack);
  CHECK(ClickCommand(*ack) == "ack SRC-3");
  CHECK(ClickAbout(*ack) == std::vector<CaseId>{3});
  CHECK(ClickCommand(*ReadClick("snooze", "SRC-3")) == "snooze SRC-3 4h");
  CHECK(ClickCommand(*ReadClick("vote_yes", "2")) == "vote yes 2");
  CHECK(ClickCommand(*ReadClick("vote_no", "2")) == "vote no 2");
  CHECK(ClickCommand(*ReadClick("vote_abstain", "12")) == "vote abstain 12");
  CHECK(ClickAbout(*ReadClick("vote_abstain", "12")).empty());
  CHECK_FALSE(ClickCommand(*ReadClick("release", "SRC-3")));  // the modal asks first
}

TEST_CASE("buttons: forged or malformed values are refused", "[buttons]") {
  for (const char* value : {"", "SRC-", "SRC-0", "SRC-01", "src-3", "3", "SRC-3 --force",
                            "SRC-3; close", "SRC--3", "SRC-3\n", "SRC-99999999999999999999"}) {
    INFO(value);
    CHECK_FALSE(ReadClick("ack", value));
  }
  for (const char* value : {"", "0", "-1", "2 yes", "SRC-2", "02", "2x"}) {
    INFO(value);
    CHECK_FALSE(ReadClick("vote_yes", value));
  }
  CHECK_FALSE(ReadClick("close", "SRC-3"));
  CHECK_FALSE(ReadClick("", "SRC-3"));
  CHECK_FALSE(ReadClick("ACK", "SRC-3"));
}

TEST_CASE("buttons: what a post says after the click", "[buttons]") {
  CHECK(DoneLine(ButtonAction::kAck, "U1") == "Acknowledged by <@U1>.");
  CHECK(DoneLine(ButtonAction::kSnooze, "U1") == "Snoozed for 4h by <@U1>.");
  CHECK(DoneLine(ButtonAction::kVoteNo, "U1") == "<@U1> voted.");
  CHECK(DoneLine(ButtonAction::kRelease, "U1") == "Released by <@U1>.");
  CHECK(KeepsButtons(ButtonAction::kVoteYes));
  CHECK_FALSE(KeepsButtons(ButtonAction::kAck));
  for (ButtonAction a : {ButtonAction::kAck, ButtonAction::kSnooze, ButtonAction::kVoteYes,
                         ButtonAction::kVoteNo, ButtonAction::kVoteAbstain, ButtonAction::kRelease}) {
    CHECK(ParseButtonAction(ButtonActionName(a)) == a);
  }
}
