#include "integrations/github_client.h"

#include <catch2/catch.hpp>

#include "core/advisory.h"
#include "tests/fakes/free_port.h"
#include "tests/integrations/github_fixture.h"

using namespace srcbot;
using srcbot::testing::FakeGithub;
using srcbot::testing::GithubFixture;
using srcbot::testing::GithubReply;

namespace {

integrations::AdvisoryDraft Draft() {
  integrations::AdvisoryDraft d;
  d.summary = "Signature check skipped";
  d.description = "Details for the public.";
  d.ecosystem = "go";
  d.package = "github.com/acme/widget";
  d.vulnerable_range = "< 1.4.2";
  d.cvss_vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  d.cwe_ids = {"CWE-347"};
  d.credited_reporters = {"jane-gh"};
  return d;
}

void NoToken(const std::string& text) {
  INFO(text);
  CHECK(text.find(FakeGithub::kToken) == std::string::npos);
  CHECK(text.find("ghp_") == std::string::npos);
}

}  // namespace

TEST_CASE("github client: create sends the advisory with GitHub's headers", "[github]") {
  GithubFixture f;
  auto made = f.client->CreateAdvisory("acme/widget", Draft());
  REQUIRE(made.ok());
  CHECK(core::IsGhsaId(made.value().ghsa_id));
  CHECK(made.value().html_url ==
        "https://github.com/acme/widget/security/advisories/" + made.value().ghsa_id);
  CHECK(made.value().state == "draft");

  auto calls = f.github.Calls("POST", "/repos/acme/widget/security-advisories");
  REQUIRE(calls.size() == 1);
  const auto& h = calls[0].headers;
  CHECK(h.at("authorization") == std::string("Bearer ") + FakeGithub::kToken);
  CHECK(h.at("accept") == "application/vnd.github+json");
  CHECK(h.at("x-github-api-version") == "2022-11-28");
  CHECK_FALSE(h.at("user-agent").empty());
  CHECK(h.at("content-type").find("application/json") == 0);
  const auto& body = calls[0].json;
  CHECK(body["summary"] == "Signature check skipped");
  CHECK(body["description"] == "Details for the public.");
  CHECK(body["vulnerabilities"][0]["package"]["ecosystem"] == "go");
  CHECK(body["vulnerabilities"][0]["package"]["name"] == "github.com/acme/widget");
  CHECK(body["vulnerabilities"][0]["vulnerable_version_range"] == "< 1.4.2");
  CHECK_FALSE(body["vulnerabilities"][0].contains("patched_versions"));
  CHECK(body["cvss_vector_string"] == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  CHECK_FALSE(body.contains("severity"));
  CHECK(body["cwe_ids"] == nlohmann::json::array({"CWE-347"}));
  CHECK(body["credits"] == nlohmann::json::parse(R"([{"login":"jane-gh","type":"reporter"}])"));
}

TEST_CASE("github client: without a v3 vector the severity goes instead", "[github]") {
  GithubFixture f;
  auto d = Draft();
  d.cvss_vector.clear();
  d.severity = "high";
  REQUIRE(f.client->CreateAdvisory("acme/widget", d).ok());
  auto body = f.github.Calls("POST").at(0).json;
  CHECK(body["severity"] == "high");
  CHECK_FALSE(body.contains("cvss_vector_string"));
}

TEST_CASE("github client: collaborators and state are patched onto the advisory", "[github]") {
  GithubFixture f;
  auto made = f.client->CreateAdvisory("acme/widget", Draft());
  REQUIRE(made.ok());
  integrations::AdvisoryPatch patch;
  patch.collaborating_users = std::vector<std::string>{"dev-one", "dev-two"};
  auto updated = f.client->UpdateAdvisory("acme/widget", made.value().ghsa_id, patch);
  REQUIRE(updated.ok());
  CHECK(updated.value().collaborators == std::vector<std::string>{"dev-one", "dev-two"});
  auto sent = f.github.Calls("PATCH").at(0).json;
  CHECK(sent == nlohmann::json::parse(R"({"collaborating_users":["dev-one","dev-two"]})"));

  integrations::AdvisoryPatch publish;
  publish.state = "published";
  REQUIRE(f.client->UpdateAdvisory("acme/widget", made.value().ghsa_id, publish).ok());
  CHECK(f.github.Advisory(made.value().ghsa_id)["state"] == "published");
}

TEST_CASE("github client: a fork is accepted with 202 and exists a few reads later", "[github]") {
  GithubFixture f;
  f.github.SetForkDelay(2);
  auto made = f.client->CreateAdvisory("acme/widget", Draft());
  REQUIRE(made.ok());
  auto fork = f.client->CreateFork("acme/widget", made.value().ghsa_id);
  REQUIRE(fork.ok());
  CHECK(fork.value().full_name == "acme/widget-ghsa-fake-test-0001");
  CHECK(f.github.Calls("POST", "/repos/acme/widget/security-advisories/GHSA-fake-test-0001/forks")
            .at(0)
            .status == 202);
  for (int i = 0; i < 2; ++i) {
    auto missing = f.client->GetRepository(fork.value().full_name);
    REQUIRE(missing.ok());
    CHECK_FALSE(missing.value().has_value());
  }
  auto there = f.client->GetRepository(fork.value().full_name);
  REQUIRE(there.ok());
  REQUIRE(there.value().has_value());
  CHECK(there.value()->is_private);
  CHECK(there.value()->html_url == "https://github.com/acme/widget-ghsa-fake-test-0001");
}

TEST_CASE("github client: a CVE request goes through for a public repository only", "[github]") {
  GithubFixture f;
  f.github.AddRepo("acme/secret", true);
  auto pub = f.client->CreateAdvisory("acme/widget", Draft());
  auto priv = f.client->CreateAdvisory("acme/secret", Draft());
  REQUIRE(pub.ok());
  REQUIRE(priv.ok());
  CHECK(f.client->RequestCve("acme/widget", pub.value().ghsa_id).ok());
  CHECK(f.github.Advisory(pub.value().ghsa_id)["cve_requested"] == true);
  core::Status refused = f.client->RequestCve("acme/secret", priv.value().ghsa_id);
  CHECK(refused.code() == core::Code::kInvalidArgument);
  CHECK(refused.message().find("private repositories") != std::string::npos);
  auto repo = f.client->GetRepository("acme/secret");
  REQUIRE(repo.ok());
  CHECK(repo.value()->is_private);
}

TEST_CASE("github client: a listing follows Link rel=next across pages", "[github]") {
  GithubFixture f;
  f.github.SetPageSize(2);
  for (int i = 0; i < 5; ++i) {
    f.github.AddReport("acme/widget", "report " + std::to_string(i), "2026-11-20T10:00:00Z",
                       "finder");
  }
  auto list = f.client->ListAdvisories("acme/widget", "triage");
  REQUIRE(list.ok());
  REQUIRE(list.value().size() == 5);
  CHECK(list.value()[4].summary == "report 4");
  CHECK(list.value()[0].author_login == "finder");
  CHECK(list.value()[0].created_at == core::ParseIsoTime("2026-11-20T10:00:00Z"));
  CHECK(f.github.Calls("GET", "/repos/acme/widget/security-advisories").size() == 3);
}

TEST_CASE("github client: a next page on another host is not followed", "[github]") {
  GithubFixture f;
  GithubReply reply{
      200, nlohmann::json::array(), {{"Link", "<http://127.0.0.2:1/steal?x=1>; rel=\"next\""}}};
  f.github.Script("GET", "/repos/acme/widget/security-advisories", reply);
  auto list = f.client->ListAdvisories("acme/widget", "triage");
  CHECK(list.status().code() == core::Code::kUnavailable);
  CHECK(list.status().message().find("not followed") != std::string::npos);
  CHECK(f.github.Calls().size() == 1);
}

TEST_CASE("github client: every refusal becomes a clear error without the token", "[github]") {
  GithubFixture f;
  std::vector<std::string> messages;

  SECTION("401: a bad token") {
    auto bad = f.MakeClient("ghp_WRONGtoken");
    auto made = bad->CreateAdvisory("acme/widget", Draft());
    CHECK(made.status().code() == core::Code::kPermissionDenied);
    CHECK(made.status().message().find("refused the token") != std::string::npos);
    CHECK(made.status().message().find("--github-token") != std::string::npos);
    CHECK(made.status().message().find("ghp_WRONGtoken") == std::string::npos);
    messages.push_back(made.status().message());
  }
  SECTION("403: not an admin or security manager") {
    f.github.Script("POST", "/repos/acme/widget/security-advisories",
                    {403, {{"message", "Resource not accessible by personal access token"}}, {}});
    auto made = f.client->CreateAdvisory("acme/widget", Draft());
    CHECK(made.status().code() == core::Code::kPermissionDenied);
    const std::string m = made.status().message();
    CHECK(m.find("admin or a security manager") != std::string::npos);
    CHECK(m.find("repository_advisories:write") != std::string::npos);
    CHECK(m.find("Resource not accessible by personal access token") != std::string::npos);
    messages.push_back(m);
  }
  SECTION("403: the rate limit is used up, with its reset time") {
    f.github.Script("POST", "/repos/",
                    {403,
                     {{"message", "API rate limit exceeded"}},
                     {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1795622400"}}});
    auto made = f.client->CreateAdvisory("acme/widget", Draft());
    CHECK(made.status().code() == core::Code::kUnavailable);
    const std::string m = made.status().message();
    CHECK(m.find("rate limit") != std::string::npos);
    CHECK(m.find(core::FormatHuman(core::TimePoint(core::Duration(1795622400)))) !=
          std::string::npos);
    CHECK(f.github.Calls("POST").size() == 1);  // not retried
    messages.push_back(m);
  }
  SECTION("429: a secondary rate limit says when to try again") {
    f.github.Script("GET", "/repos/",
                    {429, {{"message", "secondary rate limit"}}, {{"retry-after", "30"}}});
    auto list = f.client->ListAdvisories("acme/widget", "triage");
    CHECK(list.status().code() == core::Code::kUnavailable);
    CHECK(list.status().message().find("try again in 30 seconds") != std::string::npos);
    messages.push_back(list.status().message());
  }
  SECTION("404: no such advisory") {
    auto got = f.client->GetAdvisory("acme/widget", "GHSA-fake-test-9999");
    CHECK(got.status().code() == core::Code::kNotFound);
    CHECK(got.status().message().find("GHSA-fake-test-9999") != std::string::npos);
    messages.push_back(got.status().message());
  }
  SECTION("422: GitHub's validation message is passed on") {
    auto d = Draft();
    d.ecosystem.clear();
    auto made = f.client->CreateAdvisory("acme/widget", d);
    CHECK(made.status().code() == core::Code::kInvalidArgument);
    const std::string m = made.status().message();
    CHECK(m.find("Validation Failed") != std::string::npos);
    CHECK(m.find("vulnerabilities missing_field") != std::string::npos);
    messages.push_back(m);
  }
  SECTION("500: retried with backoff, then it works") {
    f.github.Script("POST", "/repos/acme/widget/security-advisories",
                    {500, {{"message", "boom"}}, {}}, 2);
    auto made = f.client->CreateAdvisory("acme/widget", Draft());
    CHECK(made.ok());
    CHECK(f.github.Calls("POST").size() == 3);
    REQUIRE(f.sleeps.size() == 2);
    CHECK(f.sleeps[1] >= f.sleeps[0]);
  }
  SECTION("502 every time: reported after the tries") {
    f.github.Script("POST", "/repos/acme/widget/security-advisories", {502, nullptr, {}}, 3);
    auto made = f.client->CreateAdvisory("acme/widget", Draft());
    CHECK(made.status().code() == core::Code::kUnavailable);
    CHECK(made.status().message().find("after 3 tries (HTTP 502)") != std::string::npos);
    CHECK(f.github.Calls("POST").size() == 3);
    messages.push_back(made.status().message());
  }
  SECTION("network: nobody listening") {
    integrations::GithubOptions o = f.Options(FakeGithub::kToken);
    o.api_url = "http://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort());
    integrations::GithubClient down(*f.http, o, [](std::chrono::milliseconds) {});
    auto made = down.CreateAdvisory("acme/widget", Draft());
    CHECK(made.status().code() == core::Code::kUnavailable);
    messages.push_back(made.status().message());
  }
  for (const std::string& m : messages) NoToken(m);
}
