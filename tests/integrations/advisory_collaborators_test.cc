// The advisory's collaborators as the fix team changes, end to end: the real
// client against the loopback FakeGithub. GitHub's PATCH replaces the whole
// collaborating_users list, so every PATCH must carry everyone who should
// stay: the fix team, and whoever was added on GitHub by hand.
#include <catch2/catch.hpp>

#include "tests/integrations/advisory_world.h"

using namespace srcbot;
using srcbot::testing::AdvisoryWorld;

namespace {

std::vector<std::string> Logins(const nlohmann::json& advisory) {
  std::vector<std::string> out;
  for (const auto& u : advisory["collaborating_users"]) out.push_back(u["login"]);
  std::sort(out.begin(), out.end());
  return out;
}

void Ok(AdvisoryWorld& w, const std::string& line) {
  auto reply = w.Run(line);
  INFO(line << " → " << reply.text);
  REQUIRE(reply.text.find("Error") == std::string::npos);
}

void ByHand(AdvisoryWorld& w, const std::string& ghsa, std::vector<std::string> logins) {
  integrations::AdvisoryPatch patch;
  patch.collaborating_users = std::move(logins);
  REQUIRE(w.gh.client->UpdateAdvisory("acme/widget", ghsa, patch).ok());
}

const std::string kGhsa = "GHSA-fake-test-0001";

// A triaged case whose fix team is dave (GitHub login dave-gh).
void Triaged(AdvisoryWorld& w) {
  Ok(w, "report \"x\" --repo acme/widget");
  Ok(w, "ack SRC-1");
  Ok(w, "triage SRC-1 --replicated yes");
  Ok(w, "team SRC-1 add @dave --github dave-gh");
}

// Triaged, with its advisory drafted on GitHub, where a maintainer was then
// added as a collaborator by hand.
void Drafted(AdvisoryWorld& w) {
  Triaged(w);
  Ok(w, "advisory SRC-1 create");
  REQUIRE(w.Pass() == 1);
  ByHand(w, kGhsa, {"dave-gh", "maintainer"});
}

}  // namespace

TEST_CASE("github collaborators: created advisory, add twice before a pass",
          "[github][collaborators]") {
  AdvisoryWorld w;
  Drafted(w);
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  Ok(w, "team SRC-1 add @fay --github fay-gh");
  w.Passes(3, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "fay-gh", "maintainer"});
}

TEST_CASE("github collaborators: team add while create is queued", "[github][collaborators]") {
  AdvisoryWorld w;
  Triaged(w);
  Ok(w, "advisory SRC-1 create");
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  REQUIRE(w.Pass() == 1);
  ByHand(w, kGhsa, {"dave-gh", "erin-gh", "maintainer"});
  Ok(w, "team SRC-1 add @fay --github fay-gh");
  w.Passes(3, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "fay-gh", "maintainer"});
}

TEST_CASE("github collaborators: sync after add", "[github][collaborators]") {
  AdvisoryWorld w;
  Drafted(w);
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  Ok(w, "advisory SRC-1 sync");
  w.Pass();
  w.Passes(3, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "maintainer"});
}

TEST_CASE("github collaborators: private report accepted, reporter and hand-added kept",
          "[github][collaborators]") {
  AdvisoryWorld w;
  w.gh.github.AddReport("acme/widget", "Token leak", "2026-11-24T09:00:00Z", "finder");
  REQUIRE(w.intake->PollOnce().value() == 1);
  ByHand(w, kGhsa, {"finder", "maintainer"});
  Ok(w, "ack SRC-1");
  Ok(w, "triage SRC-1 --replicated yes");
  Ok(w, "team SRC-1 add @dave --github dave-gh");
  Ok(w, "advisory SRC-1 create");
  REQUIRE(w.Pass() == 1);
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "finder", "maintainer"});
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  w.Passes(3, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "finder", "maintainer"});
}

TEST_CASE("github collaborators: private report accepted with no team, then add",
          "[github][collaborators]") {
  AdvisoryWorld w;
  w.gh.github.AddReport("acme/widget", "Token leak", "2026-11-24T09:00:00Z", "finder");
  REQUIRE(w.intake->PollOnce().value() == 1);
  ByHand(w, kGhsa, {"finder"});
  Ok(w, "ack SRC-1");
  Ok(w, "triage SRC-1 --replicated yes");
  Ok(w, "advisory SRC-1 create");
  REQUIRE(w.Pass() == 1);
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  w.Passes(3, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) == std::vector<std::string>{"erin-gh", "finder"});
}

TEST_CASE("github collaborators: team added while still in triage", "[github][collaborators]") {
  AdvisoryWorld w;
  w.gh.github.AddReport("acme/widget", "Token leak", "2026-11-24T09:00:00Z", "finder");
  REQUIRE(w.intake->PollOnce().value() == 1);
  ByHand(w, kGhsa, {"finder"});
  Ok(w, "ack SRC-1");
  Ok(w, "triage SRC-1 --replicated yes");
  Ok(w, "team SRC-1 add @dave --github dave-gh");
  w.Passes(3, std::chrono::seconds(31));
  Ok(w, "advisory SRC-1 create");
  w.Passes(3, std::chrono::seconds(31));
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  w.Passes(3, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "finder"});
}

TEST_CASE("github collaborators: outside member approved later", "[github][collaborators]") {
  AdvisoryWorld w;
  Drafted(w);
  Ok(w, "team SRC-1 add @erin --outside --github erin-gh");
  w.Passes(2, std::chrono::seconds(31));
  Ok(w, "approve SRC-1 @erin");
  w.Passes(2, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "maintainer"});
}

TEST_CASE("github collaborators: restart between add and pass", "[github][collaborators]") {
  AdvisoryWorld w;
  Drafted(w);
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  w.Open();
  w.Passes(2, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "maintainer"});
}

TEST_CASE("github collaborators: create whose collaborator PATCH failed, then add",
          "[github][collaborators]") {
  AdvisoryWorld w;
  Triaged(w);
  w.gh.github.Script("PATCH", "/repos/acme/widget/security-advisories/", {503, nullptr, {}}, 3);
  Ok(w, "advisory SRC-1 create");
  REQUIRE(w.Pass() == 1);
  ByHand(w, kGhsa, {"maintainer"});
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  w.Passes(2, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "maintainer"});
}

TEST_CASE("github collaborators: GET fails once, then add", "[github][collaborators]") {
  AdvisoryWorld w;
  Drafted(w);
  Ok(w, "team SRC-1 add @erin --github erin-gh");
  w.gh.github.Script("GET", "/repos/acme/widget/security-advisories/", {503, nullptr, {}}, 3);
  w.Passes(2, std::chrono::seconds(31));
  Ok(w, "team SRC-1 add @fay --github fay-gh");
  w.Passes(2, std::chrono::seconds(31));
  CHECK(Logins(w.gh.github.Advisory(kGhsa)) ==
        std::vector<std::string>{"dave-gh", "erin-gh", "fay-gh", "maintainer"});
}
