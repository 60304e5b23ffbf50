#pragma once
// The GitHub integration end to end, without threads: `/src` lines go through
// a real commands::CommandService over SqliteCaseStore and
// SqliteAdvisoryStore on one temporary file; the AdvisoryWorker and the
// ReportIntake call the FakeGithub through the real client. The test drives
// the fake clock and calls Pass() where the service's thread would run.

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "commands/command_service.h"
#include "commands/reminder_tick.h"
#include "integrations/advisory_worker.h"
#include "integrations/report_intake.h"
#include "store/sqlite_advisory_store.h"
#include "store/sqlite_case_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"
#include "tests/integrations/github_fixture.h"

namespace srcbot::testing {

struct AdvisoryWorld {
  TempDir dir;
  FakeClock clock{TestNow()};
  GithubFixture gh;
  std::unique_ptr<store::SqliteCaseStore> cases;
  std::unique_ptr<store::SqliteAdvisoryStore> advisories;
  std::unique_ptr<commands::CommandService> service;
  std::unique_ptr<integrations::AdvisoryWorker> worker;
  std::unique_ptr<integrations::ReportIntake> intake;
  std::vector<std::string> log;
  size_t seen_posts = 0;

  AdvisoryWorld() { Open(); }

  // (Re)opens every store and the service, as a restarted process would.
  void Open() {
    intake.reset();
    worker.reset();
    service.reset();
    advisories.reset();
    cases.reset();
    auto c = store::SqliteCaseStore::Open(dir.File("srcbot.db"), clock);
    REQUIRE(c.ok());
    cases = std::move(c).value();
    REQUIRE(cases->SeedMembers({"alice", "bob"}, clock.Now()).ok());
    auto a = store::SqliteAdvisoryStore::Open(dir.File("srcbot.db"), clock);
    REQUIRE(a.ok());
    advisories = std::move(a).value();
    commands::ServiceOptions options{"CSRC", core::DeadlinePolicy{}};
    options.advisories = advisories.get();
    service = std::make_unique<commands::CommandService>(*cases, clock, options);
    integrations::WorkerOptions w;
    w.src_channel = "CSRC";
    auto note = [this](const std::string& line) { log.push_back(line); };
    worker = std::make_unique<integrations::AdvisoryWorker>(*advisories, *cases, *gh.client, clock,
                                                            w, note);
    integrations::IntakeOptions intake_options{{"acme/widget"}, "CSRC"};
    intake_options.on_call = [this](core::TimePoint now) {
      return commands::OnCallAt(*cases, now);
    };
    intake = std::make_unique<integrations::ReportIntake>(*gh.client, *advisories, clock,
                                                          intake_options, note);
  }

  commands::Reply Run(const std::string& text, const std::string& user = "alice") {
    return service->Handle({user, "CSRC", text});
  }

  // One pass of the worker; the number of jobs it finished.
  int Pass() {
    auto ran = worker->RunOnce();
    INFO(ran.status().message());
    REQUIRE(ran.ok());
    return ran.value();
  }

  // Passes `rounds` times, `step` apart; the jobs finished in all.
  int Passes(int rounds, core::Duration step) {
    int finished = 0;
    for (int i = 0; i < rounds; ++i) {
      clock.Advance(step);
      finished += Pass();
    }
    return finished;
  }

  // The SRC-channel posts queued since the last call.
  std::vector<std::string> NewPosts() {
    auto pending = cases->PendingMessages(1000);
    REQUIRE(pending.ok());
    std::vector<std::string> out;
    for (size_t i = seen_posts; i < pending.value().size(); ++i) {
      CHECK(pending.value()[i].channel == "CSRC");
      out.push_back(pending.value()[i].text);
    }
    seen_posts = pending.value().size();
    return out;
  }

  core::Case Case(core::CaseId id = 1) { return cases->Load(id).value(); }

  std::string LastEventKind(core::CaseId id = 1) { return cases->Timeline(id).value().back().kind; }

  // Everything srcbot wrote for people: posts, timelines, log lines.
  std::string AllText() {
    std::string all;
    const auto messages = cases->PendingMessages(100000).value();
    for (const auto& m : messages) all += m.text + "\n";
    const auto listed = cases->List(true).value();
    for (const auto& c : listed) {
      const auto events = cases->Timeline(c.id).value();
      for (const auto& e : events) all += e.text + "\n";
    }
    for (const auto& l : log) all += l + "\n";
    return all;
  }
};

inline bool Has(const std::vector<std::string>& posts, const std::string& part) {
  for (const std::string& p : posts) {
    if (p.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace srcbot::testing
