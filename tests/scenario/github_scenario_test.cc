// The GitHub integration through the real binary: srcbot serve (http mode)
// with a FakeGithub, from a private report on GitHub to its accepted advisory.
#include <catch2/catch.hpp>
#include <thread>

#include "tests/fakes/fake_github.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

TEST_CASE("scenario: a GitHub private report becomes a case, and its advisory a draft",
          "[scenario][github]") {
  FakeGithub github;
  REQUIRE(github.Start().ok());
  github.AddRepo("acme/widget");
  const std::string ghsa =
      github.AddReport("acme/widget", "Token leak in debug logs", "2026-11-24T09:30:00Z", "finder");

  Scenario s("http");
  s.extra_args = {"--github-api-url", github.api_url(),        "--github-repos",
                  "acme/widget",      "--github-poll-minutes", "0.02"};
  s.extra_env = {std::string("GITHUB_TOKEN=") + FakeGithub::kToken};
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
