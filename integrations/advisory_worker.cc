#include "integrations/advisory_worker.h"

#include "core/advisory_outcomes.h"
#include "integrations/github_errors.h"

namespace srcbot::integrations {
namespace {

core::AdvisoryJob BotJob(core::CaseId id, core::AdvisoryJobKind kind, std::string key) {
  core::AdvisoryJob job;
  job.case_id = id;
  job.kind = kind;
  job.key = std::move(key);
  return job;
}

}  // namespace

AdvisoryWorker::AdvisoryWorker(core::AdvisoryStore& advisories, core::CaseStore& cases,
                               GithubClient& github, const core::Clock& clock,
                               WorkerOptions options, Log log)
    : advisories_(advisories),
      cases_(cases),
      github_(github),
      clock_(clock),
      options_(std::move(options)),
      log_(std::move(log)) {}

void AdvisoryWorker::Note(const std::string& line) const {
  if (log_) log_(Redact(line, github_.options().token));
}

core::Result<int> AdvisoryWorker::Scan() {
  auto records = advisories_.Records();
  if (!records.ok()) return records.status();
  int queued = 0;
  auto queue = [&](core::AdvisoryJob job) -> core::Status {
    auto done = advisories_.EnqueueOnce(std::move(job));
    if (!done.ok()) return done.status();
    queued += done.value() ? 1 : 0;
    return core::Status::Ok();
  };
  for (const core::AdvisoryRecord& r : records.value()) {
    auto c = cases_.Load(r.case_id);
    if (!c.ok()) {
      if (c.status().code() == core::Code::kNotFound) continue;
      return c.status();
    }
    const std::string id = std::to_string(r.case_id);
    core::Status s;
    if (c.value().released_at) {
      // SPEC §2: release publishes the advisory; then the fork is the team's no more.
      if (r.state != "published") {
        s = queue(BotJob(r.case_id, core::AdvisoryJobKind::kPublish, "publish:" + id));
      }
      if (s.ok() && !r.fork_name.empty()) {
        s = queue(BotJob(r.case_id, core::AdvisoryJobKind::kForkReminder, "fork-reminder:" + id));
      }
    } else if (c.value().IsOpen() && r.state == "draft" &&
               core::TeamLogins(c.value()) != r.collaborators) {
      s = queue(BotJob(r.case_id, core::AdvisoryJobKind::kCollaborators, ""));
    }
    if (!s.ok()) return s;
  }
  return queued;
}

core::Result<int> AdvisoryWorker::RunOnce() {
  const core::TimePoint now = clock_.Now();
  if (!last_scan_ || now - *last_scan_ >= options_.scan_every) {
    last_scan_ = now;
    if (auto scanned = Scan(); !scanned.ok())
      Note("github: scan failed: " + scanned.status().message());
  }
  auto due = advisories_.DueJobs(now, options_.batch);
  if (!due.ok()) return due.status();
  int finished = 0;
  for (const core::AdvisoryJob& job : due.value()) {
    auto claimed = advisories_.Claim(job.id, now, now + options_.claim);
    if (!claimed.ok()) return claimed.status();
    if (!claimed.value()) continue;  // another process has it
    auto ran = Run(job);
    if (!ran.ok()) {
      Note("github: job " + std::to_string(job.id) + " (" +
           std::string(core::AdvisoryJobName(job.kind)) + ", " + core::CaseRef(job.case_id) +
           ") could not be recorded: " + ran.status().message());
      continue;
    }
    finished += ran.value() ? 1 : 0;
  }
  return finished;
}

core::Result<bool> AdvisoryWorker::Run(const core::AdvisoryJob& job) {
  auto c = cases_.Load(job.case_id);
  if (!c.ok()) return c.status();
  auto record = advisories_.Record(job.case_id);
  if (!record.ok()) return record.status();
  const core::TimePoint now = clock_.Now();
  Execution e = Execute(github_, job, c.value(), record.value(), now, options_.fork_wait);
  if (e.again) {
    if (core::Status s = advisories_.Reschedule(*e.again); !s.ok()) return s;
    return false;
  }
  e.outcome.error = Redact(e.outcome.error, github_.options().token);
  e.outcome.collaborators_error = Redact(e.outcome.collaborators_error, github_.options().token);
  const std::string src = options_.src_channel;
  auto rule = [&](const core::Case& current,
                  const core::AdvisoryRecord&) -> core::Result<core::Change> {
    auto change = core::ApplyOutcome(current, job, e.outcome, now);
    if (!change.ok()) return change;
    for (core::Message& m : change.value().messages) {
      if (m.audience == core::Audience::kSrcChannel) {
        m.audience = core::Audience::kChannel;
        m.target = src;
      }
    }
    return change;
  };
  std::string note =
      e.outcome.ok ? "ok" : (e.outcome.private_repo ? "private repository" : e.outcome.error);
  auto done = advisories_.Complete(job.id, rule, e.record, note);
  if (!done.ok()) {
    if (done.status().code() == core::Code::kConflict) return false;  // finished elsewhere
    return done.status();
  }
  return true;
}

}  // namespace srcbot::integrations
