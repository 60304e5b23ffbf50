#include "integrations/advisory_worker.h"

#include <catch2/catch.hpp>

#include "tests/integrations/advisory_world.h"

using namespace srcbot;
using srcbot::testing::AdvisoryWorld;
using srcbot::testing::FakeGithub;
using srcbot::testing::GithubReply;
using srcbot::testing::Has;

namespace {

constexpr const char* kVector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

// A case in fix development with one engineer who has a GitHub login.
void FixDevelopment(AdvisoryWorld& w, const std::string& repo = "acme/widget") {
  for (const std::string& line :
       {"report \"Signature check skipped\" --repo " + repo, std::string("ack SRC-1"),
        std::string("triage SRC-1 --replicated yes --affected \"< 1.4.2\""),
        std::string("team SRC-1 add @dave --github dave-gh"),
        std::string("cvss SRC-1 ") + kVector}) {
    auto reply = w.Run(line);
    INFO(line << " → " << reply.text);
    REQUIRE(reply.text.find("Error") == std::string::npos);
  }
  w.NewPosts();
}

// What `release` leaves behind, without the release verb: the embargo lifts.
void Released(AdvisoryWorld& w) {
  auto done = w.cases->Update(1, [&](const core::Case& c) -> core::Result<core::Change> {
    core::Change change{c, {}, {}};
    change.after.embargoed = false;
    change.after.released_at = w.clock.Now();
    change.after.stage = core::Stage::kReleased;
    change.after.public_summary = "Cosign skipped a signature check.";
    change.after.fixed_version = "1.4.2";
    return change;
  });
  REQUIRE(done.ok());
}

}  // namespace

TEST_CASE("github verbs end to end: advisory, collaborators, fork, CVE, publish", "[github]") {
  AdvisoryWorld w;
  w.gh.github.SetForkDelay(2);
  FixDevelopment(w);

  // advisory create: acked at once, GitHub not called yet.
  auto ack = w.Run("advisory SRC-1 create --ecosystem go --cwe cwe-347");
  CHECK(ack.text.find("On it: Creating SRC-1's GitHub security advisory in acme/widget.") == 0);
  CHECK(ack.about == std::vector<core::CaseId>{1});
  CHECK(w.LastEventKind() == "github-create-requested");
  CHECK(w.gh.github.Calls().empty());

  CHECK(w.Pass() == 1);
  auto created = w.gh.github.Calls("POST", "/repos/acme/widget/security-advisories");
  REQUIRE(created.size() == 1);
  const auto& body = created[0].json;
  CHECK(body["summary"] == "SRC-1 (summary pending)");
  CHECK(body["vulnerabilities"][0]["package"] ==
        nlohmann::json::parse(R"({"ecosystem":"go","name":"github.com/acme/widget"})"));
  CHECK(body["vulnerabilities"][0]["vulnerable_version_range"] == "< 1.4.2");
  CHECK(body["cvss_vector_string"] == kVector);
  CHECK(body["cwe_ids"] == nlohmann::json::array({"CWE-347"}));
  const std::string ghsa = "GHSA-fake-test-0001";
  CHECK(w.gh.github.Advisory(ghsa)["collaborating_users"] ==
        nlohmann::json::parse(R"([{"login":"dave-gh"}])"));
  CHECK(w.Case().ghsa_id == ghsa);
  CHECK(w.Case().advisory_url == "https://github.com/acme/widget/security/advisories/" + ghsa);
  auto posts = w.NewPosts();
  REQUIRE(posts.size() == 1);
  CHECK(posts[0].find("GitHub security advisory " + ghsa +
                      " is SRC-1's private draft in acme/widget") == 0);
  CHECK(Has(posts, "Collaborators: dave-gh."));
  CHECK(w.LastEventKind() == "github-create-done");
  CHECK(w.Pass() == 0);  // done once

  // A second engineer: the next scan makes them a collaborator; one added by
  // hand on GitHub stays.
  integrations::AdvisoryPatch by_hand;
  by_hand.collaborating_users = std::vector<std::string>{"dave-gh", "maintainer"};
  REQUIRE(w.gh.client->UpdateAdvisory("acme/widget", ghsa, by_hand).ok());
  REQUIRE(w.Run("team SRC-1 add @erin --github erin-gh").text.find("Error") == std::string::npos);
  w.NewPosts();
  CHECK(w.Passes(1, std::chrono::seconds(31)) == 1);
  CHECK(
      w.gh.github.Advisory(ghsa)["collaborating_users"] ==
      nlohmann::json::parse(R"([{"login":"dave-gh"},{"login":"erin-gh"},{"login":"maintainer"}])"));
  CHECK(Has(w.NewPosts(), "the fix team's collaborators are now dave-gh, erin-gh"));
  REQUIRE(w.Run("team SRC-1 remove @dave").text.find("Error") == std::string::npos);
  w.NewPosts();
  CHECK(w.Passes(1, std::chrono::seconds(31)) == 1);
  CHECK(w.gh.github.Advisory(ghsa)["collaborating_users"] ==
        nlohmann::json::parse(R"([{"login":"erin-gh"},{"login":"maintainer"}])"));
  w.NewPosts();

  // fork: 202, then looked for until it exists; its link is posted.
  auto fork_ack = w.Run("fork SRC-1");
  CHECK(fork_ack.text.find("up to 5 minutes") != std::string::npos);
  CHECK(w.Pass() == 0);  // asked; GitHub makes it in the background
  CHECK(w.gh.github.Calls("POST", "/repos/acme/widget/security-advisories/" + ghsa + "/forks")
            .size() == 1);
  CHECK(w.Run("fork SRC-1").text.find("already in progress") != std::string::npos);
  CHECK(w.Passes(6, std::chrono::seconds(5)) == 0);
  CHECK(w.Passes(10, std::chrono::seconds(10)) == 1);
  CHECK(w.gh.github.Calls("GET", "/repos/acme/widget-ghsa-fake-test-0001").size() == 3);
  posts = w.NewPosts();
  REQUIRE(posts.size() == 1);
  CHECK(posts[0] ==
        "SRC-1's temporary private fork is ready: "
        "https://github.com/acme/widget-ghsa-fake-test-0001. "
        "Only the advisory's collaborators and the repository's admins can see it.");
  CHECK(w.Run("fork SRC-1").text.find("already has the private fork") != std::string::npos);

  // cve request.
  CHECK(w.Run("cve SRC-1 request").text.find("On it: Requesting a CVE from GitHub for " + ghsa) ==
        0);
  CHECK(w.Pass() == 1);
  CHECK(w.gh.github.Advisory(ghsa)["cve_requested"] == true);
  CHECK(Has(w.NewPosts(), "CVE requested from GitHub for " + ghsa));

  // publish waits for the release, which then publishes by itself, once.
  auto early = w.Run("advisory SRC-1 publish");
  CHECK(early.text.find("Error: SRC-1 is under embargo") == 0);
  Released(w);
  CHECK(w.Passes(1, std::chrono::seconds(31)) == 2);  // publish, fork reminder
  auto published = w.gh.github.Advisory(ghsa);
  CHECK(published["state"] == "published");
  CHECK(published["summary"] == "Cosign skipped a signature check.");
  CHECK(published["vulnerabilities"][0]["patched_versions"] == "1.4.2");
  posts = w.NewPosts();
  CHECK(Has(posts,
            ghsa + " is published: https://github.com/acme/widget/security/advisories/" + ghsa));
  CHECK(Has(posts,
            "SRC-1 is released: take the fix team off the temporary private fork "
            "https://github.com/acme/widget-ghsa-fake-test-0001"));
  CHECK(w.Passes(3, std::chrono::seconds(31)) == 0);
  CHECK(w.NewPosts().empty());
  CHECK(w.Run("advisory SRC-1 publish").text.find("published already") != std::string::npos);

  CHECK(w.AllText().find(FakeGithub::kToken) == std::string::npos);
}

TEST_CASE("github worker: a refusal is posted with what to do, and the job is done", "[github]") {
  AdvisoryWorld w;
  FixDevelopment(w);
  SECTION("403: not an admin or security manager") {
    w.gh.github.Script("POST", "/repos/acme/widget/security-advisories",
                       {403, {{"message", "Must have admin rights to Repository."}}, {}});
    w.Run("advisory SRC-1 create");
    CHECK(w.Pass() == 1);
    auto posts = w.NewPosts();
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].find("Creating SRC-1's GitHub security advisory failed: GitHub refused to "
                        "create the advisory "
                        "in acme/widget (HTTP 403: Must have admin rights to Repository.)") == 0);
    CHECK(posts[0].find("admin or a security manager") != std::string::npos);
    CHECK(w.LastEventKind() == "github-create-failed");
    CHECK(w.Case().ghsa_id.empty());
    // Done: the next pass calls nothing; asking again works.
    CHECK(w.Passes(2, std::chrono::minutes(11)) == 0);
    CHECK(w.gh.github.Calls().size() == 1);
    w.Run("advisory SRC-1 create");
    CHECK(w.Pass() == 1);
    CHECK_FALSE(w.Case().ghsa_id.empty());
  }
  SECTION("rate limited: the post says when it resets") {
    w.gh.github.Script("POST", "/repos/",
                       {429,
                        {{"message", "API rate limit exceeded"}},
                        {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1795622400"}}});
    w.Run("advisory SRC-1 create");
    CHECK(w.Pass() == 1);
    CHECK(Has(w.NewPosts(), "rate limit is used up (HTTP 429); it resets at " +
                                core::FormatHuman(core::TimePoint(core::Duration(1795622400)))));
  }
  SECTION("422: GitHub's validation message") {
    w.gh.github.Script(
        "POST", "/repos/acme/widget/security-advisories",
        {422,
         {{"message", "Validation Failed"}, {"errors", {"Vulnerable version range is invalid"}}},
         {}});
    w.Run("advisory SRC-1 create");
    CHECK(w.Pass() == 1);
    CHECK(Has(w.NewPosts(), "(HTTP 422: Validation Failed; Vulnerable version range is invalid)"));
  }
  SECTION("5xx: retried, then reported") {
    w.gh.github.Script("POST", "/repos/acme/widget/security-advisories", {503, nullptr, {}}, 3);
    w.Run("advisory SRC-1 create");
    CHECK(w.Pass() == 1);
    CHECK(w.gh.github.Calls("POST").size() == 3);
    CHECK(Has(w.NewPosts(),
              "GitHub could not create the advisory in acme/widget after 3 tries (HTTP 503)"));
  }
  SECTION("401: a bad token, never shown") {
    w.gh.client = w.gh.MakeClient("ghp_WRONGtokenWRONGtoken");
    w.Open();
    w.Run("advisory SRC-1 create");
    CHECK(w.Pass() == 1);
    CHECK(Has(w.NewPosts(),
              "GitHub refused the token (HTTP 401: Bad credentials): check --github-token"));
    CHECK(w.AllText().find("ghp_WRONGtoken") == std::string::npos);
  }
  CHECK(w.AllText().find(FakeGithub::kToken) == std::string::npos);
}

TEST_CASE("github worker: a CVE for a private repository is refused clearly", "[github]") {
  AdvisoryWorld w;
  w.gh.github.AddRepo("acme/secret", true);
  FixDevelopment(w, "acme/secret");
  w.Run("advisory SRC-1 create");
  REQUIRE(w.Pass() == 1);
  w.NewPosts();
  w.Run("cve SRC-1 request");
  CHECK(w.Pass() == 1);
  auto posts = w.NewPosts();
  REQUIRE(posts.size() == 1);
  CHECK(posts[0].find(
            "GitHub assigns CVEs only for advisories in public repositories, and acme/secret is "
            "private: no CVE was requested for GHSA-fake-test-0001 (SRC-1)") == 0);
  CHECK(posts[0].find("/src cve SRC-1 set CVE-YYYY-NNNNN") != std::string::npos);
  CHECK(w.gh.github.Calls("POST", "/repos/acme/secret/security-advisories/GHSA-fake-test-0001/cve")
            .empty());
  // The SRC records one it got elsewhere.
  w.Run("cve SRC-1 set cve-2026-31337");
  CHECK(w.Case().cve == "CVE-2026-31337");
  CHECK(Has(w.NewPosts(), "SRC-1's CVE is CVE-2026-31337"));
}

TEST_CASE("github worker: a fork GitHub never makes is reported after 5 minutes", "[github]") {
  AdvisoryWorld w;
  w.gh.github.SetForkDelay(1000);
  FixDevelopment(w);
  w.Run("advisory SRC-1 create");
  REQUIRE(w.Pass() == 1);
  w.NewPosts();
  w.Run("fork SRC-1");
  CHECK(w.Pass() == 0);
  CHECK(w.Passes(4, std::chrono::seconds(60)) == 0);
  CHECK(w.Passes(2, std::chrono::seconds(60)) == 1);
  auto posts = w.NewPosts();
  REQUIRE(posts.size() == 1);
  CHECK(
      posts[0].find(
          "SRC-1's temporary private fork acme/widget-ghsa-fake-test-0001 is not there yet: GitHub "
          "had not made it after 5 minutes") == 0);
  CHECK(w.gh.github.Calls("GET", "/repos/acme/widget-ghsa").size() <= 8);  // with backoff
}

TEST_CASE("github worker: a queued call survives a restart and runs once", "[github]") {
  AdvisoryWorld w;
  FixDevelopment(w);
  w.Run("advisory SRC-1 create");
  w.Open();  // the process restarts before the worker ran
  CHECK(w.Pass() == 1);
  CHECK(w.Case().ghsa_id == "GHSA-fake-test-0001");
  w.Open();
  CHECK(w.Passes(2, std::chrono::minutes(11)) == 0);
  CHECK(w.gh.github.Calls("POST").size() == 1);
}

TEST_CASE("github worker: advisory create accepts a private report instead of making another",
          "[github]") {
  AdvisoryWorld w;
  w.gh.github.AddReport("acme/widget", "Token leak in logs", "2026-11-24T09:00:00Z", "finder");
  REQUIRE(w.intake->PollOnce().value() == 1);
  w.Run("ack SRC-1");
  w.Run("triage SRC-1 --replicated yes");
  w.Run("advisory SRC-1 create --ecosystem npm --package widget");
  CHECK(w.Pass() == 1);
  CHECK(w.gh.github.Calls("POST").empty());
  auto patch =
      w.gh.github.Calls("PATCH", "/repos/acme/widget/security-advisories/GHSA-fake-test-0001");
  REQUIRE(patch.size() == 1);
  CHECK(patch[0].json["state"] == "draft");
  CHECK(patch[0].json["vulnerabilities"][0]["package"]["ecosystem"] == "npm");
  CHECK(w.gh.github.Advisory("GHSA-fake-test-0001")["state"] == "draft");
  CHECK(w.Case().ghsa_id == "GHSA-fake-test-0001");
}
