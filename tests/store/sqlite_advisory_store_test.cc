#include "store/sqlite_advisory_store.h"

#include <catch2/catch.hpp>

#include "core/github_report.h"
#include "tests/store/case_fixtures.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

using namespace srcbot::store::testing;

std::unique_ptr<SqliteAdvisoryStore> OpenAdvisories(const std::string& path,
                                                    const core::Clock& clock) {
  auto store = SqliteAdvisoryStore::Open(path, clock);
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

core::CaseId NewCase(SqliteCaseStore& cases) {
  auto made = cases.Create([](core::CaseId id) -> core::Result<core::Change> {
    core::Change change;
    change.after.id = id;
    change.after.title = "t";
    change.after.received_at = T(1000);
    change.after.reported_at = T(1000);
    return change;
  });
  REQUIRE(made.ok());
  return made.value().after.id;
}

// A rule that records `kind` on the timeline and posts it to channel C1.
core::AdvisoryStore::Rule Note(std::string kind) {
  return [kind](const core::Case& c, const core::AdvisoryRecord&) -> core::Result<core::Change> {
    core::Change change{c, {}, {}};
    change.events.push_back({c.id, T(5000), "", "", kind, kind});
    change.messages.push_back({core::Audience::kChannel, "C1", kind, {c.id}, "", {}});
    return change;
  };
}

core::AdvisoryJob Job(core::AdvisoryJobKind kind, std::string key = "") {
  core::AdvisoryJob job;
  job.kind = kind;
  job.key = std::move(key);
  return job;
}

TEST_CASE("advisory store: a request is queued with its timeline event, once at a time") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto cases = OpenOrFail(dir.File("a.db"), clock);
  auto advisories = OpenAdvisories(dir.File("a.db"), clock);
  core::CaseId id = NewCase(*cases);

  core::AdvisoryJob create = Job(core::AdvisoryJobKind::kCreate);
  create.repo = "acme/widget";
  create.cwe_ids = {"CWE-79", "CWE-89"};
  REQUIRE(advisories->Enqueue(id, Note("requested"), create).ok());
  auto again = advisories->Enqueue(id, Note("requested"), create);
  CHECK(again.status().code() == core::Code::kConflict);
  CHECK(again.status().message().find("already in progress") != std::string::npos);

  auto timeline = cases->Timeline(id);
  REQUIRE(timeline.value().size() == 1);  // the refused one wrote nothing
  CHECK(cases->PendingMessages(10).value().size() == 1);

  auto due = advisories->DueJobs(clock.Now(), 10);
  REQUIRE(due.value().size() == 1);
  const core::AdvisoryJob& job = due.value()[0];
  CHECK(job.case_id == id);
  CHECK(job.kind == core::AdvisoryJobKind::kCreate);
  CHECK(job.repo == "acme/widget");
  CHECK(job.cwe_ids == std::vector<std::string>{"CWE-79", "CWE-89"});
  CHECK(job.created_at == clock.Now());

  // A failing rule queues nothing.
  auto refused = advisories->Enqueue(
      id,
      [](const core::Case&, const core::AdvisoryRecord&) -> core::Result<core::Change> {
        return core::Status::Conflict("no");
      },
      Job(core::AdvisoryJobKind::kFork));
  CHECK(refused.status().code() == core::Code::kConflict);
  CHECK(advisories->DueJobs(clock.Now(), 10).value().size() == 1);
  CHECK(advisories->Enqueue(99, Note("x"), Job(core::AdvisoryJobKind::kFork)).status().code() ==
        core::Code::kNotFound);
}

TEST_CASE("advisory store: a job is done exactly once, with its outcome, across a restart") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("once.db");
  core::CaseId id = 0;
  std::int64_t job_id = 0;
  {
    auto cases = OpenOrFail(path, clock);
    auto advisories = OpenAdvisories(path, clock);
    id = NewCase(*cases);
    REQUIRE(advisories->Enqueue(id, Note("requested"), Job(core::AdvisoryJobKind::kCreate)).ok());
    job_id = advisories->DueJobs(clock.Now(), 10).value().at(0).id;
  }
  // After a restart the job is still waiting.
  auto cases = OpenOrFail(path, clock);
  auto advisories = OpenAdvisories(path, clock);
  REQUIRE(advisories->DueJobs(clock.Now(), 10).value().size() == 1);
  CHECK(advisories->Claim(job_id, clock.Now(), clock.Now() + core::Duration(600)).value());
  CHECK_FALSE(advisories->Claim(job_id, clock.Now(), clock.Now() + core::Duration(600)).value());
  CHECK(advisories->DueJobs(clock.Now(), 10).value().empty());  // claimed

  core::AdvisoryRecord record;
  record.repo = "acme/widget";
  record.ghsa_id = "GHSA-aaaa-bbbb-cccc";
  record.state = "draft";
  record.collaborators = {"a", "b"};
  auto done = advisories->Complete(job_id, Note("created"), record, "ok");
  REQUIRE(done.ok());
  auto twice = advisories->Complete(job_id, Note("created"), record, "ok");
  CHECK(twice.status().code() == core::Code::kConflict);
  CHECK(cases->Timeline(id).value().size() == 2);  // requested, created: not twice
  auto stored = advisories->Record(id);
  REQUIRE(stored.ok());
  CHECK(stored.value().case_id == id);
  CHECK(stored.value().ghsa_id == "GHSA-aaaa-bbbb-cccc");
  CHECK(stored.value().collaborators == std::vector<std::string>{"a", "b"});
  CHECK(advisories->Records().value().size() == 1);
  CHECK(advisories->Record(id + 1).value().ghsa_id.empty());
  clock.Advance(core::Duration(3600));
  CHECK(advisories->DueJobs(clock.Now(), 10).value().empty());
}

TEST_CASE("advisory store: a failed outcome write leaves the job to run again") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto cases = OpenOrFail(dir.File("r.db"), clock);
  auto advisories = OpenAdvisories(dir.File("r.db"), clock);
  core::CaseId id = NewCase(*cases);
  REQUIRE(advisories->Enqueue(id, Note("requested"), Job(core::AdvisoryJobKind::kPublish)).ok());
  auto job = advisories->DueJobs(clock.Now(), 10).value().at(0);
  // An unaddressed message makes the whole outcome fail: nothing is marked done.
  auto bad = advisories->Complete(
      job.id,
      [](const core::Case& c, const core::AdvisoryRecord&) -> core::Result<core::Change> {
        core::Change change{c, {}, {}};
        change.messages.push_back({core::Audience::kSrcChannel, "", "x", {c.id}, "", {}});
        return change;
      },
      std::nullopt, "ok");
  CHECK_FALSE(bad.ok());
  CHECK(advisories->DueJobs(clock.Now(), 10).value().size() == 1);
  CHECK(cases->Timeline(id).value().size() == 1);
}

TEST_CASE("advisory store: bot jobs with a key are queued once; reschedule moves a job") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto cases = OpenOrFail(dir.File("k.db"), clock);
  auto advisories = OpenAdvisories(dir.File("k.db"), clock);
  core::CaseId id = NewCase(*cases);
  core::AdvisoryJob publish = Job(core::AdvisoryJobKind::kPublish, "publish:1");
  publish.case_id = id;
  CHECK(advisories->EnqueueOnce(publish).value());
  CHECK_FALSE(advisories->EnqueueOnce(publish).value());
  auto job = advisories->DueJobs(clock.Now(), 10).value().at(0);
  REQUIRE(advisories->Complete(job.id, Note("published"), std::nullopt, "ok").ok());
  CHECK_FALSE(advisories->EnqueueOnce(publish).value());  // the key was used

  core::AdvisoryJob sync = Job(core::AdvisoryJobKind::kCollaborators);
  sync.case_id = id;
  CHECK(advisories->EnqueueOnce(sync).value());
  CHECK_FALSE(advisories->EnqueueOnce(sync).value());  // one is waiting

  core::AdvisoryJob fork = Job(core::AdvisoryJobKind::kFork);
  REQUIRE(advisories->Enqueue(id, Note("fork"), fork).ok());
  auto waiting = advisories->DueJobs(clock.Now(), 10).value();
  REQUIRE(waiting.size() == 2);
  core::AdvisoryJob wait = waiting[1];
  wait.kind = core::AdvisoryJobKind::kWaitFork;
  wait.fork_name = "acme/widget-ghsa-aaaa-bbbb-cccc";
  wait.deadline = clock.Now() + core::Duration(300);
  wait.not_before = clock.Now() + core::Duration(10);
  wait.attempts = 1;
  REQUIRE(advisories->Reschedule(wait).ok());
  CHECK(advisories->DueJobs(clock.Now(), 10).value().size() == 1);
  // Waiting for the fork still counts as the fork request in progress.
  CHECK(advisories->Enqueue(id, Note("fork"), fork).status().code() == core::Code::kConflict);
  clock.Advance(core::Duration(10));
  auto later = advisories->DueJobs(clock.Now(), 10).value();
  REQUIRE(later.size() == 2);
  CHECK(later[1].kind == core::AdvisoryJobKind::kWaitFork);
  CHECK(later[1].fork_name == "acme/widget-ghsa-aaaa-bbbb-cccc");
  CHECK(later[1].deadline == wait.deadline);
  CHECK(later[1].attempts == 1);
}

TEST_CASE("advisory store: a private report opens one case, also from a second store on the file") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("intake.db");
  auto cases = OpenOrFail(path, clock);
  auto first = OpenAdvisories(path, clock);
  auto second = OpenAdvisories(path, clock);
  core::GithubReport report{
      "GHSA-aaaa-bbbb-cccc",
      "https://github.com/acme/widget/security/advisories/GHSA-aaaa-bbbb-cccc",
      "acme/widget",
      "Token leak",
      "finder",
      T(1'790'000'000)};
  auto build = [&](core::CaseId id) -> core::Result<core::Change> {
    auto change = core::OpenFromGithubReport(id, report, clock.Now());
    if (change.ok()) {
      for (auto& m : change.value().messages) {
        m.audience = core::Audience::kChannel;
        m.target = "C1";
      }
    }
    return change;
  };
  auto opened = first->OpenReport(core::ReportRecord(report), build);
  REQUIRE(opened.ok());
  REQUIRE(opened.value().has_value());
  CHECK(opened.value()->after.id == 1);
  auto again = second->OpenReport(core::ReportRecord(report), build);
  REQUIRE(again.ok());
  CHECK_FALSE(again.value().has_value());
  CHECK(second->ReportSeen("GHSA-aaaa-bbbb-cccc").value());
  CHECK(cases->List(true).value().size() == 1);
  auto record = second->Record(1).value();
  CHECK(record.state == "triage");
  CHECK(record.repo == "acme/widget");
  // The reminder tick will look at the new case (docs/reminders.md).
  auto raw = OpenOrFail(path);
  auto wake = raw->Prepare("SELECT wake_at FROM case_reminders WHERE case_id = 1", "read");
  REQUIRE(wake.ok());
  REQUIRE(wake.value().Step().value());
  CHECK(wake.value().ColumnInt(0) == 0);
}

TEST_CASE("advisory store: refuses a database without the GitHub tables") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto raw = OpenOrFail(dir.File("old.db"));
  (void)raw->Exec("PRAGMA user_version = 5", "set");
  auto store = SqliteAdvisoryStore::Open(dir.File("old.db"), clock);
  CHECK(store.status().code() == core::Code::kUnavailable);
  CHECK(store.status().message().find("no GitHub tables") != std::string::npos);
}

}  // namespace
}  // namespace srcbot::store
