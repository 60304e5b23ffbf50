#include <catch2/catch.hpp>

#include "core/advisory.h"
#include "core/advisory_outcomes.h"
#include "core/advisory_requests.h"
#include "core/github_report.h"
#include "tests/fakes/fake_clock.h"

using namespace srcbot::core;
using srcbot::testing::TestNow;

namespace {

const Actor kAlice{"alice", true, "src"};
const Actor kEve{"eve", false, "src"};

Case OpenCaseAt(Stage stage) {
  Case c;
  c.id = 7;
  c.title = "t";
  c.repo = "acme/widget";
  c.stage = stage;
  return c;
}

AdvisoryRecord Existing(std::string state = "draft") {
  AdvisoryRecord r;
  r.case_id = 7;
  r.repo = "acme/widget";
  r.ghsa_id = "GHSA-aaaa-bbbb-cccc";
  r.url = "https://github.com/acme/widget/security/advisories/GHSA-aaaa-bbbb-cccc";
  r.state = std::move(state);
  return r;
}

AdvisoryJob Of(AdvisoryJobKind kind) {
  AdvisoryJob job;
  job.kind = kind;
  return job;
}

Code CodeOf(const Case& c, const AdvisoryRecord& r, const AdvisoryJob& job,
            const Actor& a = kAlice) {
  return RequestAdvisoryWork(c, r, job, a, TestNow()).status().code();
}

}  // namespace

TEST_CASE("advisory ids: CVE, CWE, GHSA and repository names are checked", "[github]") {
  CHECK(IsCveId("CVE-2026-1234"));
  CHECK(IsCveId("CVE-2026-1234567"));
  CHECK_FALSE(IsCveId("CVE-2026-123"));
  CHECK_FALSE(IsCveId("cve-2026-1234"));
  CHECK_FALSE(IsCveId("CVE-26-12345"));
  CHECK_FALSE(IsCveId("CVE-2026-12a45"));
  CHECK(IsCweId("CWE-79"));
  CHECK_FALSE(IsCweId("CWE-"));
  CHECK_FALSE(IsCweId("CWE-7x"));
  CHECK(IsGhsaId("GHSA-abcd-2345-wxyz"));
  CHECK_FALSE(IsGhsaId("GHSA-ABCD-2345-wxyz"));
  CHECK_FALSE(IsGhsaId("GHSA-abcd-2345-wxy"));
  CHECK(IsRepoName("sigstore/cosign"));
  CHECK(IsRepoName("a.b/c_d-e"));
  CHECK_FALSE(IsRepoName("sigstore"));
  CHECK_FALSE(IsRepoName("a/b/c"));
  CHECK_FALSE(IsRepoName("../x"));
  CHECK_FALSE(IsRepoName("a/b?c"));
  CHECK(IsAdvisoryEcosystem("go"));
  CHECK_FALSE(IsAdvisoryEcosystem("golang"));
  for (AdvisoryJobKind k :
       {AdvisoryJobKind::kCreate, AdvisoryJobKind::kCollaborators, AdvisoryJobKind::kFork,
        AdvisoryJobKind::kWaitFork, AdvisoryJobKind::kRequestCve, AdvisoryJobKind::kPublish,
        AdvisoryJobKind::kForkReminder}) {
    CHECK(ParseAdvisoryJobKind(AdvisoryJobName(k)) == k);
  }
}

TEST_CASE("advisory ids: the team's logins are the approved members' with one", "[github]") {
  Case c = OpenCaseAt(Stage::kFixDevelopment);
  c.team = {{"u1", false, true, false, "zed"},
            {"u2", true, false, false, "pending"},
            {"u3", false, true, false, ""},
            {"u4", false, true, true, "amy"},
            {"u5", false, true, false, "zed"}};
  CHECK(TeamLogins(c) == std::vector<std::string>{"amy", "zed"});
}

TEST_CASE("advisory requests: who may ask for what, and when", "[github]") {
  Case c = OpenCaseAt(Stage::kFixDevelopment);
  AdvisoryRecord none;
  none.case_id = 7;

  CHECK(CodeOf(c, none, Of(AdvisoryJobKind::kCreate)) == Code::kOk);
  CHECK(CodeOf(c, none, Of(AdvisoryJobKind::kCreate), kEve) == Code::kPermissionDenied);
  CHECK(CodeOf(c, Existing(), Of(AdvisoryJobKind::kCreate)) == Code::kConflict);
  CHECK(CodeOf(c, Existing("triage"), Of(AdvisoryJobKind::kCreate)) ==
        Code::kOk);  // accepts the report
  Case norepo = c;
  norepo.repo.clear();
  CHECK(CodeOf(norepo, none, Of(AdvisoryJobKind::kCreate)) == Code::kInvalidArgument);
  AdvisoryJob with_repo = Of(AdvisoryJobKind::kCreate);
  with_repo.repo = "acme/other";
  CHECK(CodeOf(norepo, none, with_repo) == Code::kOk);
  AdvisoryJob bad = Of(AdvisoryJobKind::kCreate);
  bad.ecosystem = "golang";
  CHECK(CodeOf(c, none, bad) == Code::kInvalidArgument);
  bad = Of(AdvisoryJobKind::kCreate);
  bad.cwe_ids = {"XSS"};
  CHECK(CodeOf(c, none, bad) == Code::kInvalidArgument);

  for (auto kind : {AdvisoryJobKind::kFork, AdvisoryJobKind::kRequestCve, AdvisoryJobKind::kPublish,
                    AdvisoryJobKind::kCollaborators}) {
    CHECK(CodeOf(c, none, Of(kind)) == Code::kConflict);  // no advisory yet
  }
  CHECK(CodeOf(c, Existing(), Of(AdvisoryJobKind::kFork)) == Code::kOk);
  AdvisoryRecord forked = Existing();
  forked.fork_name = "acme/widget-ghsa-aaaa-bbbb-cccc";
  CHECK(CodeOf(c, forked, Of(AdvisoryJobKind::kFork)) == Code::kConflict);
  CHECK(CodeOf(c, Existing(), Of(AdvisoryJobKind::kRequestCve)) == Code::kOk);
  Case with_cve = c;
  with_cve.cve = "CVE-2026-1111";
  CHECK(CodeOf(with_cve, Existing(), Of(AdvisoryJobKind::kRequestCve)) == Code::kConflict);

  // Publishing waits for the embargo to lift.
  auto embargoed =
      RequestAdvisoryWork(c, Existing(), Of(AdvisoryJobKind::kPublish), kAlice, TestNow());
  CHECK(embargoed.status().code() == Code::kConflict);
  CHECK(embargoed.status().message().find("under embargo") != std::string::npos);
  Case released = c;
  released.embargoed = false;
  released.released_at = TestNow();
  released.stage = Stage::kClosed;  // even after the retrospective closed it
  CHECK(CodeOf(released, Existing(), Of(AdvisoryJobKind::kPublish)) == Code::kOk);
  CHECK(CodeOf(released, Existing("published"), Of(AdvisoryJobKind::kPublish)) == Code::kConflict);
  CHECK(CodeOf(released, Existing(), Of(AdvisoryJobKind::kFork)) == Code::kConflict);

  auto requested = RequestAdvisoryWork(c, none, Of(AdvisoryJobKind::kCreate), kAlice, TestNow());
  REQUIRE(requested.ok());
  REQUIRE(requested.value().events.size() == 1);
  CHECK(requested.value().events[0].kind == "github-create-requested");
  CHECK(requested.value().events[0].text.find(
            "Creating SRC-7's GitHub security advisory in acme/widget") == 0);
  CHECK(requested.value().messages.empty());
  CHECK(RequestAck(c, none, Of(AdvisoryJobKind::kFork)).find("up to 5 minutes") !=
        std::string::npos);
}

TEST_CASE("advisory requests: cve set records a well-formed id", "[github]") {
  Case c = OpenCaseAt(Stage::kFixDevelopment);
  auto set = SetCve(c, "CVE-2026-4242", kAlice, TestNow());
  REQUIRE(set.ok());
  CHECK(set.value().after.cve == "CVE-2026-4242");
  CHECK(set.value().events[0].kind == "cve-set");
  CHECK(set.value().messages[0].text == "SRC-7's CVE is CVE-2026-4242 (set by <@alice>).");
  CHECK(SetCve(c, "CVE-26-1", kAlice, TestNow()).status().code() == Code::kInvalidArgument);
  CHECK(SetCve(c, "CVE-2026-4242", kEve, TestNow()).status().code() == Code::kPermissionDenied);
  Case closed = c;
  closed.stage = Stage::kClosed;
  CHECK(SetCve(closed, "CVE-2026-4242", kAlice, TestNow()).status().code() == Code::kConflict);
}

TEST_CASE("advisory outcomes: what GitHub did lands on the case and in one post", "[github]") {
  Case c = OpenCaseAt(Stage::kFixDevelopment);
  AdvisoryOutcome created;
  created.ok = true;
  created.ghsa_id = "GHSA-aaaa-bbbb-cccc";
  created.url = "https://github.com/acme/widget/security/advisories/GHSA-aaaa-bbbb-cccc";
  created.repo = "acme/widget";
  created.collaborators = {"amy", "zed"};
  auto change = ApplyOutcome(c, Of(AdvisoryJobKind::kCreate), created, TestNow());
  REQUIRE(change.ok());
  CHECK(change.value().after.ghsa_id == "GHSA-aaaa-bbbb-cccc");
  CHECK(change.value().after.advisory_url == created.url);
  REQUIRE(change.value().messages.size() == 1);
  const Message& post = change.value().messages[0];
  CHECK(post.audience == Audience::kSrcChannel);
  CHECK(post.about == std::vector<CaseId>{7});
  CHECK(
      post.text.find(
          "GitHub security advisory GHSA-aaaa-bbbb-cccc is SRC-7's private draft in acme/widget") ==
      0);
  CHECK(post.text.find("Collaborators: amy, zed.") != std::string::npos);
  CHECK(change.value().events[0].kind == "github-create-done");
  CHECK(change.value().events[0].actor.empty());

  AdvisoryOutcome failed;
  failed.error = "GitHub refused to create the advisory (HTTP 422: summary <b>)";
  auto f = ApplyOutcome(c, Of(AdvisoryJobKind::kCreate), failed, TestNow());
  CHECK(f.value().after.ghsa_id.empty());
  CHECK(f.value().events[0].kind == "github-create-failed");
  CHECK(f.value().messages[0].text.find("summary &lt;b&gt;") != std::string::npos);  // escaped

  Case with_ghsa = c;
  with_ghsa.ghsa_id = "GHSA-aaaa-bbbb-cccc";
  AdvisoryOutcome priv;
  priv.private_repo = true;
  priv.repo = "acme/widget";
  auto p = ApplyOutcome(with_ghsa, Of(AdvisoryJobKind::kRequestCve), priv, TestNow());
  CHECK(p.value().messages[0].text.find(
            "GitHub assigns CVEs only for advisories in public repositories") == 0);
  CHECK(p.value().messages[0].text.find("/src cve SRC-7 set CVE-YYYY-NNNNN") != std::string::npos);

  AdvisoryOutcome published;
  published.ok = true;
  published.url = created.url;
  published.cve = "CVE-2026-9999";
  auto pub = ApplyOutcome(with_ghsa, Of(AdvisoryJobKind::kPublish), published, TestNow());
  CHECK(pub.value().after.cve == "CVE-2026-9999");
  CHECK(pub.value().messages[0].text.find("GHSA-aaaa-bbbb-cccc is published") == 0);

  AdvisoryOutcome fork;
  fork.ok = true;
  fork.fork_url = "https://github.com/acme/widget-ghsa-aaaa-bbbb-cccc";
  auto reminder = ApplyOutcome(with_ghsa, Of(AdvisoryJobKind::kForkReminder), fork, TestNow());
  CHECK(reminder.value().messages[0].text.find(
            "take the fix team off the temporary private fork "
            "https://github.com/acme/widget-ghsa-aaaa-bbbb-cccc") != std::string::npos);
}

TEST_CASE("github report: a private report opens a case received when GitHub got it", "[github]") {
  GithubReport r{"GHSA-aaaa-bbbb-cccc",
                 "https://github.com/acme/widget/security/advisories/GHSA-aaaa-bbbb-cccc",
                 "acme/widget",
                 "Token <leak>",
                 "finder",
                 TestNow() - std::chrono::hours(30)};
  auto change = OpenFromGithubReport(3, r, TestNow());
  REQUIRE(change.ok());
  const Case& c = change.value().after;
  CHECK(c.id == 3);
  CHECK(c.title == "Token <leak>");
  CHECK(c.repo == "acme/widget");
  CHECK(c.via == Via::kPrivate);
  CHECK(c.received_at == TestNow() - std::chrono::hours(30));
  CHECK(c.reported_at == TestNow());
  CHECK(c.reporter == "finder (GitHub)");
  CHECK(c.ghsa_id == "GHSA-aaaa-bbbb-cccc");
  CHECK(c.advisory_url == r.url);
  CHECK(c.stage == Stage::kReported);
  const Message& post = change.value().messages.at(0);
  CHECK(post.text.find(
            "New report SRC-3 from GitHub private reporting: Token &lt;leak&gt; (acme/widget)") ==
        0);
  CHECK(post.offers == "ack");
  CHECK(change.value().events.at(0).actor.empty());

  r.created_at = TestNow() + std::chrono::hours(1);  // GitHub's clock ahead of ours
  CHECK(OpenFromGithubReport(3, r, TestNow()).value().after.received_at == TestNow());
  r.ghsa_id = "not-one";
  CHECK(OpenFromGithubReport(3, r, TestNow()).status().code() == Code::kInvalidArgument);
  CHECK(ReportRecord(r).state == "triage");
}
