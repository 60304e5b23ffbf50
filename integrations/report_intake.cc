#include "integrations/report_intake.h"

#include "core/github_report.h"
#include "core/oncall.h"
#include "integrations/github_errors.h"

namespace srcbot::integrations {

ReportIntake::ReportIntake(GithubClient& github, core::AdvisoryStore& advisories,
                           const core::Clock& clock, IntakeOptions options, Log log)
    : github_(github),
      advisories_(advisories),
      clock_(clock),
      options_(std::move(options)),
      log_(std::move(log)) {}

core::Result<int> ReportIntake::PollOnce() {
  int opened = 0;
  std::optional<core::Status> first_error;
  for (const std::string& repo : options_.repos) {
    auto n = PollRepo(repo);
    if (n.ok()) {
      opened += n.value();
      continue;
    }
    if (log_) {
      log_(Redact("github: private reports of " + repo + " not read: " + n.status().message(),
                  github_.options().token));
    }
    if (!first_error) first_error = n.status();
  }
  if (opened == 0 && first_error) return *first_error;
  return opened;
}

core::Result<int> ReportIntake::PollRepo(const std::string& repo) {
  auto reports = github_.ListAdvisories(repo, "triage");
  if (!reports.ok()) return reports.status();
  int opened = 0;
  for (const Advisory& a : reports.value()) {
    auto seen = advisories_.ReportSeen(a.ghsa_id);
    if (!seen.ok()) return seen.status();
    if (seen.value()) continue;
    const core::TimePoint now = clock_.Now();
    core::GithubReport report{a.ghsa_id, a.html_url,     repo,
                              a.summary, a.author_login, a.created_at.value_or(now)};
    auto change = core::OpenFromGithubReport(1, report, now);
    if (!change.ok()) {
      // A malformed entry is GitHub's problem, not a reason to miss the others.
      if (log_) log_("github: skipped a report of " + repo + ": " + change.status().message());
      continue;
    }
    const std::string src = options_.src_channel;
    const core::UserId on_call = options_.on_call ? options_.on_call(now) : core::UserId();
    auto made = advisories_.OpenReport(core::ReportRecord(report), [&](core::CaseId id) {
      auto built = core::OpenFromGithubReport(id, report, now);
      if (!built.ok()) return built;
      core::LeadByOnCall(built.value(), on_call, now);
      for (core::Message& m : built.value().messages) {
        if (m.audience == core::Audience::kSrcChannel) {
          m.audience = core::Audience::kChannel;
          m.target = src;
        }
      }
      return built;
    });
    if (!made.ok()) return made.status();
    if (made.value()) ++opened;
  }
  return opened;
}

}  // namespace srcbot::integrations
