// The GitHub integration through the real binary: srcbot serve (http mode)
// with a FakeGithub, from a private report on GitHub to its accepted advisory.
#include <catch2/catch.hpp>
#include <thread>

#include "bot/net/http_client.h"
#include "core/time.h"
#include "integrations/github_client.h"
#include "tests/fakes/fake_github.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

namespace {

// srcbot pointed at the fake GitHub, watching acme/widget's private reports
// about once a second.
void WatchRepo(Scenario& s, const FakeGithub& github) {
  s.extra_args = {"--github-api-url", github.api_url(),        "--github-repos",
                  "acme/widget",      "--github-poll-minutes", "0.02"};
  s.extra_env = {std::string("GITHUB_TOKEN=") + FakeGithub::kToken};
}

}  // namespace

TEST_CASE("scenario: a GitHub private report becomes a case, and its advisory a draft",
          "[scenario][github]") {
  FakeGithub github;
  REQUIRE(github.Start().ok());
  github.AddRepo("acme/widget");
  const std::string ghsa =
      github.AddReport("acme/widget", "Token leak in debug logs", "2026-11-24T09:30:00Z", "finder");

  Scenario s("http");
  WatchRepo(s, github);
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());

  CHECK(s.WaitForPost(kSrcChannel,
                      "New report SRC-1 from GitHub private reporting: Token leak in debug logs"));
  s.Command("ack SRC-1");
  s.Command("triage SRC-1 --replicated yes");
  s.Command("team SRC-1 add <@U0DANA|dana> --github dana-gh");
  CHECK(s.WaitForPost(kSrcChannel, "<@U0DANA> joins SRC-1's fix team"));
  s.slack().SetChannel(kSrcChannel, FakeChannel{"src",
                                                true,
                                                false,
                                                false,
                                                false,
                                                false,
                                                false,
                                                false,
                                                true,
                                                {kAlice, kBob, "U0DANA", "UBOT"}});

  std::string ack = s.Command("advisory SRC-1 create --ecosystem go");
  CHECK_THAT(ack, Catch::Contains("On it: Accepting the private report " + ghsa));
  CHECK(
      s.WaitForPost(kSrcChannel, "GitHub security advisory " + ghsa + " is SRC-1's private draft"));
  CHECK(github.Advisory(ghsa)["state"] == "draft");
  CHECK(github.Advisory(ghsa)["collaborating_users"] ==
        nlohmann::json::parse(R"([{"login":"dana-gh"}])"));

  // Polling again opens nothing new; the token shows nowhere.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(s.CountPosts("New report") == 1);
  CHECK(github.Calls("GET", "/repos/acme/widget/security-advisories").size() >= 2);
  for (const PostedMessage& m : s.slack().Messages())
    CHECK(m.text.find(FakeGithub::kToken) == std::string::npos);
  CHECK(s.BotOutput().find(FakeGithub::kToken) == std::string::npos);
}

TEST_CASE("scenario: a GitHub private report counts from when GitHub received it",
          "[scenario][github]") {
  // Three days before now: the 24 h acknowledgement deadline is long past.
  const srcbot::core::TimePoint received =
      std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now()) -
      std::chrono::hours(72);
  const std::string created_at = srcbot::core::FormatIso(received);
  FakeGithub github;
  REQUIRE(github.Start().ok());
  github.AddRepo("acme/widget");
  const std::string ghsa = github.AddReport("acme/widget", "Token leak", created_at, "finder");

  Scenario s("http");
  WatchRepo(s, github);
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-1 from GitHub private reporting"));
  const std::string human = srcbot::core::FormatHuman(received);
  CHECK(s.CountPosts("received " + human) == 1);
  const std::string shown = s.Command("show SRC-1");
  INFO(shown);
  CHECK_THAT(shown, Catch::Contains("advisory: " + ghsa));
  CHECK_THAT(shown, Catch::Contains("received: " + human + " via private"));
  CHECK_THAT(shown, Catch::Contains("• acknowledge: OVERDUE by 2d"));
}

TEST_CASE("scenario: a new fix-team member joins the advisory's collaborators, nobody leaves",
          "[scenario][github]") {
  FakeGithub github;
  REQUIRE(github.Start().ok());
  github.AddRepo("acme/widget");
  Scenario s("http");
  s.extra_args = {"--github-api-url", github.api_url()};
  s.extra_env = {std::string("GITHUB_TOKEN=") + FakeGithub::kToken};
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  s.Command("report \"Heap overflow\" --repo acme/widget");
  s.Command("ack SRC-1");
  s.Command("triage SRC-1 --replicated yes");
  s.Command("team SRC-1 add <@U0DANA|dana> --github dana-gh");
  s.Command("advisory SRC-1 create");
  REQUIRE(s.WaitForPost(kSrcChannel, "is SRC-1's private draft"));
  const std::string ghsa = "GHSA-fake-test-0001";
  // A maintainer adds someone on GitHub by hand.
  auto http = srcbot::bot::MakeCpprestHttpClient();
  srcbot::integrations::GithubOptions o;
  o.api_url = github.api_url();
  o.token = FakeGithub::kToken;
  srcbot::integrations::GithubClient hand(*http, o, nullptr);
  srcbot::integrations::AdvisoryPatch patch;
  patch.collaborating_users = std::vector<std::string>{"dana-gh", "maintainer"};
  REQUIRE(hand.UpdateAdvisory("acme/widget", ghsa, patch).ok());

  s.Command("team SRC-1 add <@U0ERIN|erin> --github erin-gh");
  // The worker's own scan would find the change within 30 s; sync asks now.
  s.Command("advisory SRC-1 sync");
  CHECK(s.WaitForPost(kSrcChannel, "the fix team's collaborators are now dana-gh, erin-gh"));
  CHECK(
      github.Advisory(ghsa)["collaborating_users"] ==
      nlohmann::json::parse(R"([{"login":"dana-gh"},{"login":"erin-gh"},{"login":"maintainer"}])"));
}
