#include "integrations/advisory_calls.h"

#include <algorithm>
#include <set>

#include "core/cvss.h"

namespace srcbot::integrations {
namespace {

constexpr const char* kSummaryPending = "(summary pending)";
constexpr const char* kDescriptionPending =
    "(description pending: the SRC's public summary replaces this when the advisory is published)";
constexpr size_t kMaxSummary = 1000;  // GitHub allows 1024 characters

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

Execution Failed(const core::Status& status) {
  Execution e;
  e.outcome.error = status.message();
  return e;
}

bool Mentions(const std::string& text, const std::string& word) {
  return Lower(text).find(word) != std::string::npos;
}

// The collaborators to send: GitHub's list, less the team logins srcbot
// sent before and no longer wants, plus the team's. Collaborators added on
// GitHub by hand stay.
std::vector<std::string> MergeCollaborators(const std::vector<std::string>& on_github,
                                            const std::vector<std::string>& sent_before,
                                            const std::vector<std::string>& wanted) {
  std::set<std::string> out(on_github.begin(), on_github.end());
  for (const std::string& l : sent_before) {
    if (std::find(wanted.begin(), wanted.end(), l) == wanted.end()) out.erase(l);
  }
  out.insert(wanted.begin(), wanted.end());
  return {out.begin(), out.end()};
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Sends the team's logins as collaborators; "" on success, else why not.
std::string SendCollaborators(GithubClient& github, const core::AdvisoryRecord& record,
                              const std::vector<std::string>& on_github,
                              const std::vector<std::string>& wanted) {
  std::vector<std::string> merged = MergeCollaborators(on_github, record.collaborators, wanted);
  if (merged == Sorted(on_github)) return "";
  AdvisoryPatch patch;
  patch.collaborating_users = merged;
  auto updated = github.UpdateAdvisory(record.repo, record.ghsa_id, patch);
  return updated.ok() ? "" : updated.status().message();
}

Execution Create(GithubClient& github, const core::AdvisoryJob& job, const core::Case& c,
                 const core::AdvisoryRecord& record) {
  const bool accept = record.exists() && record.state == "triage";
  core::AdvisoryRecord next = record;
  next.repo = accept ? record.repo : (job.repo.empty() ? c.repo : job.repo);
  next.ecosystem = job.ecosystem.empty() ? "other" : job.ecosystem;
  AdvisoryDraft draft = DraftFor(c, next.repo, next.ecosystem, job.package, job.cwe_ids);
  next.package = draft.package;
  core::Result<Advisory> made = core::Status::Internal("no call");
  if (accept) {
    AdvisoryPatch patch;
    patch.state = "draft";
    patch.draft = draft;
    made = github.UpdateAdvisory(record.repo, record.ghsa_id, patch);
  } else {
    made = github.CreateAdvisory(next.repo, draft);
  }
  if (!made.ok()) return Failed(made.status());
  next.ghsa_id = made.value().ghsa_id.empty() ? record.ghsa_id : made.value().ghsa_id;
  next.url = made.value().html_url.empty() ? record.url : made.value().html_url;
  next.state = "draft";

  Execution e;
  e.outcome.ok = true;
  e.outcome.ghsa_id = next.ghsa_id;
  e.outcome.url = next.url;
  e.outcome.repo = next.repo;
  std::vector<std::string> wanted = core::TeamLogins(c);
  if (!wanted.empty()) {
    e.outcome.collaborators_error =
        SendCollaborators(github, next, made.value().collaborators, wanted);
  }
  if (e.outcome.collaborators_error.empty()) {
    e.outcome.collaborators = wanted;
    next.collaborators = wanted;
  }
  e.record = next;
  return e;
}

Execution Collaborators(GithubClient& github, const core::Case& c,
                        const core::AdvisoryRecord& record) {
  std::vector<std::string> wanted = core::TeamLogins(c);
  auto advisory = github.GetAdvisory(record.repo, record.ghsa_id);
  Execution e;
  std::string error =
      advisory.ok() ? SendCollaborators(github, record, advisory.value().collaborators, wanted)
                    : advisory.status().message();
  e.outcome.ok = error.empty();
  e.outcome.error = error;
  e.outcome.collaborators = wanted;
  // Recorded even on failure, so the scan does not retry it every pass:
  // `advisory <case> sync` does, once the cause is fixed.
  e.record = record;
  e.record->collaborators = wanted;
  return e;
}

Execution Fork(GithubClient& github, const core::AdvisoryJob& job,
               const core::AdvisoryRecord& record, core::TimePoint now, const ForkWait& wait) {
  auto fork = github.CreateFork(record.repo, record.ghsa_id);
  if (!fork.ok()) return Failed(fork.status());
  Execution e;
  core::AdvisoryJob next = job;
  next.kind = core::AdvisoryJobKind::kWaitFork;
  next.fork_name = fork.value().full_name;
  next.fork_url = fork.value().html_url.empty() ? "https://github.com/" + fork.value().full_name
                                                : fork.value().html_url;
  next.deadline = now + wait.limit;
  next.attempts = 0;
  next.not_before = now + wait.first;
  e.again = next;
  return e;
}

Execution WaitFork(GithubClient& github, const core::AdvisoryJob& job,
                   const core::AdvisoryRecord& record, core::TimePoint now, const ForkWait& wait) {
  auto found = github.GetRepository(job.fork_name);
  const bool unavailable = !found.ok() && found.status().code() == core::Code::kUnavailable;
  if (!found.ok() && !unavailable) {
    Execution e = Failed(found.status());
    e.outcome.fork_name = job.fork_name;
    return e;
  }
  if (found.ok() && found.value()) {
    Execution e;
    e.outcome.ok = true;
    e.outcome.fork_name =
        found.value()->full_name.empty() ? job.fork_name : found.value()->full_name;
    e.outcome.fork_url = found.value()->html_url.empty() ? job.fork_url : found.value()->html_url;
    e.record = record;
    e.record->fork_name = e.outcome.fork_name;
    e.record->fork_url = e.outcome.fork_url;
    return e;
  }
  if (now >= job.deadline) {
    Execution e;
    e.outcome.error =
        "GitHub had not made it after " +
        std::to_string(std::chrono::duration_cast<std::chrono::minutes>(wait.limit).count()) +
        " minutes";
    e.outcome.fork_name = job.fork_name;
    e.outcome.fork_url = job.fork_url;
    // Kept, so a second `fork` is refused while GitHub may still make this one.
    e.record = record;
    e.record->fork_name = job.fork_name;
    e.record->fork_url = job.fork_url;
    return e;
  }
  Execution e;
  core::AdvisoryJob next = job;
  next.attempts = job.attempts + 1;
  core::Duration delay = wait.first * (1 << std::min(next.attempts, 10));
  next.not_before = now + std::min(delay, wait.max);
  e.again = next;
  return e;
}

Execution RequestCve(GithubClient& github, const core::AdvisoryRecord& record) {
  Execution e;
  e.outcome.repo = record.repo;
  // GitHub is a CNA for public repositories only: say so before asking.
  auto repo = github.GetRepository(record.repo);
  if (repo.ok() && repo.value() && repo.value()->is_private) {
    e.outcome.private_repo = true;
    return e;
  }
  core::Status asked = github.RequestCve(record.repo, record.ghsa_id);
  if (asked.ok()) {
    e.outcome.ok = true;
    return e;
  }
  e.outcome.error = asked.message();
  e.outcome.private_repo =
      asked.code() != core::Code::kUnavailable && Mentions(asked.message(), "private");
  return e;
}

Execution Publish(GithubClient& github, const core::Case& c, const core::AdvisoryRecord& record,
                  core::TimePoint now) {
  auto current = github.GetAdvisory(record.repo, record.ghsa_id);
  if (!current.ok()) return Failed(current.status());
  Execution e;
  core::AdvisoryRecord next = record;
  Advisory a = current.value();
  if (a.state != "published") {
    if (a.state == "triage") {
      // A private report is accepted (made a draft) before it can be published.
      AdvisoryPatch accept;
      accept.state = "draft";
      auto accepted = github.UpdateAdvisory(record.repo, record.ghsa_id, accept);
      if (!accepted.ok()) return Failed(accepted.status());
    }
    AdvisoryPatch patch;
    patch.state = "published";
    AdvisoryDraft text;
    // Only srcbot's placeholders are replaced: words written on GitHub stay.
    if (!c.public_summary.empty() && a.summary.find(kSummaryPending) != std::string::npos) {
      text.summary = c.public_summary.substr(0, kMaxSummary);
      text.description = c.public_summary;
    }
    if (!record.ecosystem.empty() && !c.fixed_version.empty()) {
      text.ecosystem = record.ecosystem;
      text.package = record.package;
      text.vulnerable_range = c.affected;
      text.patched_versions = c.fixed_version;
    }
    patch.draft = text;
    if (!c.cve.empty() && a.cve_id.empty()) patch.cve_id = c.cve;
    auto published = github.UpdateAdvisory(record.repo, record.ghsa_id, patch);
    if (!published.ok()) return Failed(published.status());
    a = published.value();
  } else {
    e.outcome.already = true;
  }
  e.outcome.ok = true;
  e.outcome.ghsa_id = record.ghsa_id;
  e.outcome.url = a.html_url.empty() ? record.url : a.html_url;
  e.outcome.cve = a.cve_id;
  next.state = "published";
  next.url = e.outcome.url;
  next.published_at = now;
  e.record = next;
  return e;
}

}  // namespace

AdvisoryDraft DraftFor(const core::Case& c, const std::string& repo, const std::string& ecosystem,
                       const std::string& package, const std::vector<std::string>& cwe_ids) {
  AdvisoryDraft d;
  if (c.public_summary.empty()) {
    d.summary = core::CaseRef(c.id) + " " + kSummaryPending;
    d.description = kDescriptionPending;
  } else {
    d.summary = c.public_summary.substr(0, kMaxSummary);
    d.description = c.public_summary;
  }
  d.ecosystem = ecosystem.empty() ? "other" : ecosystem;
  if (!package.empty()) {
    d.package = package;
  } else {
    d.package = d.ecosystem == "go" ? "github.com/" + repo : repo;
  }
  d.vulnerable_range = c.affected;
  d.patched_versions = c.fixed_version;
  if (c.cvss_vector.rfind("CVSS:3.", 0) == 0) {
    d.cvss_vector = c.cvss_vector;
  } else if (c.cvss_score && *c.cvss_score > 0) {
    d.severity = Lower(std::string(core::SeverityName(core::SeverityOf(*c.cvss_score))));
  }
  d.cwe_ids = cwe_ids;
  if (!c.credit.empty()) {
    for (const core::TeamMember& m : c.team) {
      if (m.reporter && !m.github.empty()) d.credited_reporters.push_back(m.github);
    }
  }
  d.cve_id = c.cve;
  return d;
}

Execution Execute(GithubClient& github, const core::AdvisoryJob& job, const core::Case& c,
                  const core::AdvisoryRecord& record, core::TimePoint now, const ForkWait& wait) {
  switch (job.kind) {
    case core::AdvisoryJobKind::kCreate:
      return Create(github, job, c, record);
    case core::AdvisoryJobKind::kCollaborators:
      return Collaborators(github, c, record);
    case core::AdvisoryJobKind::kFork:
      return Fork(github, job, record, now, wait);
    case core::AdvisoryJobKind::kWaitFork:
      return WaitFork(github, job, record, now, wait);
    case core::AdvisoryJobKind::kRequestCve:
      return RequestCve(github, record);
    case core::AdvisoryJobKind::kPublish:
      return Publish(github, c, record, now);
    case core::AdvisoryJobKind::kForkReminder: {
      Execution e;
      e.outcome.ok = true;
      e.outcome.fork_name = record.fork_name;
      e.outcome.fork_url = record.fork_url;
      return e;
    }
  }
  return Failed(core::Status::Internal("unknown job"));
}

}  // namespace srcbot::integrations
