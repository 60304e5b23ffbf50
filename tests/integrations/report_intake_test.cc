#include "integrations/report_intake.h"

#include <catch2/catch.hpp>

#include "app/case_export.h"
#include "tests/integrations/advisory_world.h"

using namespace srcbot;
using srcbot::testing::AdvisoryWorld;
using srcbot::testing::FakeGithub;

TEST_CASE("github intake: a new private report opens exactly one case, across polls and a restart",
          "[github]") {
  AdvisoryWorld w;
  const std::string ghsa = w.gh.github.AddReport("acme/widget", "Token leak in debug logs",
                                                 "2026-11-24T09:30:00Z", "finder");
  // A draft the SRC made is not a report.
  integrations::AdvisoryDraft draft;
  draft.summary = "ours";
  draft.description = "ours";
  draft.ecosystem = "other";
  REQUIRE(w.gh.client->CreateAdvisory("acme/widget", draft).ok());

  auto first = w.intake->PollOnce();
  REQUIRE(first.ok());
  CHECK(first.value() == 1);
  const core::Case c = w.Case();
  CHECK(c.title == "Token leak in debug logs");
  CHECK(c.repo == "acme/widget");
  CHECK(c.via == core::Via::kPrivate);
  CHECK(c.received_at == core::ParseIsoTime("2026-11-24T09:30:00Z"));
  CHECK(c.reporter == "finder (GitHub)");
  CHECK(c.ghsa_id == ghsa);
  CHECK(c.advisory_url == "https://github.com/acme/widget/security/advisories/" + ghsa);
  auto posts = w.NewPosts();
  REQUIRE(posts.size() == 1);
  CHECK(
      posts[0].find(
          "New report SRC-1 from GitHub private reporting: Token leak in debug logs (acme/widget), "
          "received 2026-11-24 09:30 UTC from finder") == 0);
  CHECK(w.cases->PendingMessages(10).value()[0].offers == "ack");

  CHECK(w.intake->PollOnce().value() == 0);
  w.Open();  // a restart: new stores on the same file
  CHECK(w.intake->PollOnce().value() == 0);
  CHECK(w.cases->List(true).value().size() == 1);
  CHECK(w.NewPosts().empty());

  // A second store on the same file (another process) does not open it again either.
  auto other = store::SqliteAdvisoryStore::Open(w.dir.File("srcbot.db"), w.clock);
  REQUIRE(other.ok());
  integrations::ReportIntake second(*w.gh.client, *other.value(), w.clock,
                                    integrations::IntakeOptions{{"acme/widget"}, "CSRC"});
  CHECK(second.PollOnce().value() == 0);

  // A new report is picked up by the next poll.
  w.gh.github.AddReport("acme/widget", "Second one", "2026-11-25T08:00:00Z", "");
  CHECK(w.intake->PollOnce().value() == 1);
  CHECK(w.Case(2).reporter.empty());
  CHECK(w.cases->List(true).value().size() == 2);
}

TEST_CASE("github intake: every page of reports is read", "[github]") {
  AdvisoryWorld w;
  w.gh.github.SetPageSize(2);
  for (int i = 0; i < 5; ++i) {
    w.gh.github.AddReport("acme/widget", "report " + std::to_string(i), "2026-11-24T09:00:00Z",
                          "f");
  }
  CHECK(w.intake->PollOnce().value() == 5);
  CHECK(w.intake->PollOnce().value() == 0);
  CHECK(w.Case(5).title == "report 4");
}

TEST_CASE("github intake: a repository that fails is logged and the others are still read",
          "[github]") {
  AdvisoryWorld w;
  w.gh.github.AddRepo("acme/other");
  w.gh.github.AddReport("acme/other", "over here", "2026-11-24T09:00:00Z", "f");
  integrations::ReportIntake intake(
      *w.gh.client, *w.advisories, w.clock,
      integrations::IntakeOptions{{"acme/gone", "acme/other"}, "CSRC"},
      [&](const std::string& line) { w.log.push_back(line); });
  auto polled = intake.PollOnce();
  REQUIRE(polled.ok());
  CHECK(polled.value() == 1);
  REQUIRE(w.log.size() == 1);
  CHECK(w.log[0].find("github: private reports of acme/gone not read: GitHub found nothing") == 0);

  // Nothing read at all: the error comes back too.
  w.log.clear();
  auto wrong = w.gh.MakeClient("ghp_WRONGtokenXYZ");
  integrations::ReportIntake broken(*wrong, *w.advisories, w.clock,
                                    integrations::IntakeOptions{{"acme/other"}, "CSRC"},
                                    [&](const std::string& line) { w.log.push_back(line); });
  auto refused = broken.PollOnce();
  CHECK(refused.status().code() == core::Code::kPermissionDenied);
  REQUIRE(w.log.size() == 1);
  CHECK(w.log[0].find("ghp_WRONGtokenXYZ") == std::string::npos);
  CHECK(w.AllText().find(FakeGithub::kToken) == std::string::npos);
}

TEST_CASE("github intake: a new report pings the on-call, who leads it, and reminders look at it",
          "[github]") {
  AdvisoryWorld w;
  REQUIRE(w.Run("oncall set @bob").text.find("Error") == std::string::npos);
  w.NewPosts();
  w.gh.github.AddReport("acme/widget", "Token leak", "2026-11-24T09:30:00Z", "finder");
  REQUIRE(w.intake->PollOnce().value() == 1);
  auto posts = w.NewPosts();
  REQUIRE(posts.size() == 1);
  CHECK(posts[0].find("from GitHub private reporting") != std::string::npos);
  CHECK(posts[0].find("<@bob> is on call and leads it") != std::string::npos);
  CHECK(w.Case().lead == "bob");
  // The 24-hour acknowledgement deadline counts from GitHub's time, and the
  // reminder tick sees the case: it is 26.5 hours old, so its reminder is overdue.
  auto ticked = w.service->ReminderTick(w.clock.Now());
  REQUIRE(ticked.ok());
  CHECK(ticked.value() >= 1);
  CHECK_FALSE(w.NewPosts().empty());
}

TEST_CASE("github intake: show names the report's advisory and when GitHub received it",
          "[github]") {
  AdvisoryWorld w;
  const std::string ghsa = w.gh.github.AddReport("acme/widget", "Token leak in debug logs",
                                                 "2026-11-24T09:30:00Z", "finder");
  REQUIRE(w.intake->PollOnce().value() == 1);
  const std::string shown = w.Run("show SRC-1").text;
  INFO(shown);
  CHECK_THAT(shown, Catch::Contains("advisory: " + ghsa +
                                    " https://github.com/acme/widget/security/advisories/" + ghsa +
                                    "\n"));
  CHECK_THAT(shown, Catch::Contains("received: 2026-11-24 09:30 UTC via private\n"));
  CHECK_THAT(shown, Catch::Contains("reporter: finder (GitHub)\n"));
}

TEST_CASE("github intake: the report's deadlines and exports count from GitHub's created_at",
          "[github]") {
  AdvisoryWorld w;  // now is 2026-11-25 12:00 UTC
  const std::string ghsa = w.gh.github.AddReport("acme/widget", "Token leak in debug logs",
                                                 "2026-11-24T09:30:00Z", "finder");
  REQUIRE(w.intake->PollOnce().value() == 1);
  // 24 h from GitHub's receipt, not from the poll.
  CHECK_THAT(w.Run("show SRC-1").text,
             Catch::Contains("• acknowledge: OVERDUE by 2h 30m (was due 2026-11-25 09:30 UTC)"));

  const core::Case c = w.Case();
  const auto timeline = w.cases->Timeline(1).value();
  const std::string markdown = app::ExportMarkdown(c, timeline, {}, w.clock.Now());
  INFO(markdown);
  CHECK_THAT(markdown, Catch::Contains("- received: 2026-11-24T09:30:00Z\n"));
  CHECK_THAT(markdown, Catch::Contains("- advisory: " + ghsa +
                                       " https://github.com/acme/widget/security/advisories/" +
                                       ghsa + "\n"));
  CHECK_THAT(markdown, Catch::Contains("deadline :s0w, 2026-11-24 09:30, 2026-11-25 09:30"));
  const auto json = nlohmann::json::parse(app::ExportJson(c, timeline));
  CHECK(json["received_at"] == "2026-11-24T09:30:00Z");
  CHECK(json["ghsa_id"] == ghsa);
}
