#include "bot/http/signature_verifier.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"

using namespace srcbot;

namespace {

// SLACK.md §1, copied from Slack's documentation.
const std::string kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
const std::string kTimestamp = "1531420618";
const std::string kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
    "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
const std::string kSignature =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

core::TimePoint At(std::int64_t seconds) { return core::TimePoint(core::Duration(seconds)); }

bot::HttpHeaders Headers(const std::string& ts, const std::string& sig) {
  return {{"x-slack-request-timestamp", ts}, {"x-slack-signature", sig}};
}

}  // namespace

TEST_CASE("signature: Slack's documented vector verifies", "[inbound]") {
  REQUIRE(kBody.size() == 362);
  CHECK(bot::SlackSignature(kSecret, kTimestamp, kBody) == kSignature);
  testing::FakeClock clock(At(1531420618 + 10));
  bot::SignatureVerifier verifier(kSecret, clock);
  CHECK(verifier.Verify(Headers(kTimestamp, kSignature), kBody).ok());
}

TEST_CASE("signature: header names in any case", "[inbound]") {
  testing::FakeClock clock(At(1531420618));
  bot::SignatureVerifier verifier(kSecret, clock);
  bot::HttpHeaders mixed = {{"X-Slack-Request-Timestamp", kTimestamp},
                            {"X-SLACK-SIGNATURE", kSignature}};
  CHECK(verifier.Verify(mixed, kBody).ok());
}

TEST_CASE("signature: the replay window is 300 s on both sides", "[inbound]") {
  testing::FakeClock clock(At(1531420618 + 300));
  bot::SignatureVerifier verifier(kSecret, clock);
  CHECK(verifier.Verify(Headers(kTimestamp, kSignature), kBody).ok());
  clock.Set(At(1531420618 - 300));
  CHECK(verifier.Verify(Headers(kTimestamp, kSignature), kBody).ok());
  for (std::int64_t now : {1531420618 + 301, 1531420618 - 301}) {
    clock.Set(At(now));
    core::Status s = verifier.Verify(Headers(kTimestamp, kSignature), kBody);
    CHECK(s.code() == core::Code::kPermissionDenied);
    CHECK(s.message() == "stale timestamp");
  }
}

TEST_CASE("signature: forged, tampered, missing and garbage are refused without leaks",
          "[inbound]") {
  testing::FakeClock clock(At(1531420618));
  bot::SignatureVerifier verifier(kSecret, clock);
  std::string forged = kSignature;
  forged.back() = forged.back() == '3' ? '4' : '3';
  std::string tampered = kBody;
  tampered.replace(tampered.find("text="), 5, "text=x");

  std::vector<std::pair<bot::HttpHeaders, std::string>> refused = {
      {Headers(kTimestamp, forged), kBody},
      {Headers(kTimestamp, kSignature), tampered},
      {Headers(kTimestamp, kSignature.substr(0, 40)), kBody},
      {Headers(kTimestamp, kSignature + "00"), kBody},
      {Headers("", kSignature), kBody},
      {Headers(kTimestamp, ""), kBody},
      {{}, kBody},
      {Headers("1531420618.5", kSignature), kBody},
      {Headers("-1531420618", kSignature), kBody},
      {Headers("99999999999999999999", kSignature), kBody},
      {Headers("1531420619", kSignature), kBody},  // signed for another timestamp
  };
  for (const auto& [headers, body] : refused) {
    core::Status s = verifier.Verify(headers, body);
    CHECK(s.code() == core::Code::kPermissionDenied);
    CHECK(s.message().find(kSecret) == std::string::npos);
    CHECK(s.message().find(kSignature.substr(3)) == std::string::npos);
  }
}

TEST_CASE("signature: an empty secret refuses everything", "[inbound]") {
  testing::FakeClock clock(At(1531420618));
  bot::SignatureVerifier verifier("", clock);
  std::string unkeyed = bot::SlackSignature("", kTimestamp, kBody);
  CHECK(verifier.Verify(Headers(kTimestamp, unkeyed), kBody).code() ==
        core::Code::kPermissionDenied);
}
