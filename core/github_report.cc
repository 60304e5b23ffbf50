#include "core/github_report.h"

#include <algorithm>

#include "core/case_state_machine.h"
#include "core/markup.h"

namespace srcbot::core {

Result<Change> OpenFromGithubReport(CaseId id, const GithubReport& report, TimePoint now) {
  if (!IsGhsaId(report.ghsa_id)) {
    return Status::Invalid("GitHub report: not a GHSA id: \"" + report.ghsa_id + "\"");
  }
  if (!IsRepoName(report.repo)) {
    return Status::Invalid("GitHub report: not a repository: \"" + report.repo + "\"");
  }
  ReportCommand cmd;
  cmd.title = report.summary.empty() ? "(no summary)" : report.summary;
  cmd.repo = report.repo;
  // A report GitHub dates in our future (clock skew) counts from now.
  cmd.received = std::min(report.created_at, now);
  if (!report.reporter_login.empty()) cmd.reporter = report.reporter_login + " (GitHub)";
  cmd.via = Via::kPrivate;
  Actor bot{"", true, ""};
  Result<Change> opened = OpenCase(id, cmd, bot, now);
  if (!opened.ok()) return opened;
  Change change = std::move(opened).value();
  Case& c = change.after;
  c.ghsa_id = report.ghsa_id;
  c.advisory_url = report.url;

  std::string text = "New report " + CaseRef(id) +
                     " from GitHub private reporting: " + Escape(c.title) + " (" + Escape(c.repo) +
                     "), received " + FormatHuman(c.received_at);
  if (!report.reporter_login.empty()) text += " from " + Escape(report.reporter_login);
  text += ". Advisory " + Escape(report.ghsa_id) + ": " + Escape(report.url) +
          " (in triage on GitHub; /src advisory " + CaseRef(id) +
          " create accepts it as a draft). Acknowledge it: /src ack " + CaseRef(id);
  change.events.back().text = text;
  change.events.back().kind = "reported";
  change.messages.back().text = text;
  return change;
}

AdvisoryRecord ReportRecord(const GithubReport& report) {
  AdvisoryRecord r;
  r.repo = report.repo;
  r.ghsa_id = report.ghsa_id;
  r.url = report.url;
  r.state = "triage";
  return r;
}

}  // namespace srcbot::core
