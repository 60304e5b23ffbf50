#include "core/advisory_outcomes.h"

#include "core/markup.h"

namespace srcbot::core {
namespace {

std::string Logins(const std::vector<std::string>& logins) {
  std::string out;
  for (const std::string& l : logins) out += (out.empty() ? "" : ", ") + Escape(l);
  return out;
}

std::string CollaboratorsText(const std::string& ref, const AdvisoryOutcome& o) {
  if (!o.collaborators_error.empty()) {
    return " Adding the fix team as collaborators failed: " + Escape(o.collaborators_error) +
           " (/src advisory " + ref + " sync tries again).";
  }
  if (o.collaborators.empty()) {
    return " No fix-team member has a GitHub login yet (/src team " + ref +
           " add @user --github <login> makes them a collaborator).";
  }
  return " Collaborators: " + Logins(o.collaborators) + ".";
}

std::string Ok(const Case& c, const AdvisoryJob& job, const AdvisoryOutcome& o, Case& after) {
  const std::string ref = CaseRef(c.id);
  const std::string ghsa = o.ghsa_id.empty() ? c.ghsa_id : o.ghsa_id;
  switch (job.kind) {
    case AdvisoryJobKind::kCreate:
      after.ghsa_id = o.ghsa_id;
      if (!o.url.empty()) after.advisory_url = o.url;
      return "GitHub security advisory " + Escape(o.ghsa_id) + " is " + ref +
             "'s private draft in " + Escape(o.repo) + ": " + Escape(o.url) + "." +
             CollaboratorsText(ref, o) + " Next: /src fork " + ref +
             " for a private fork, /src cve " + ref + " request.";
    case AdvisoryJobKind::kCollaborators:
      if (o.collaborators.empty()) {
        return Escape(ghsa) + " (" + ref +
               "): no fix-team member with a GitHub login collaborates now.";
      }
      return Escape(ghsa) + " (" + ref + "): the fix team's collaborators are now " +
             Logins(o.collaborators) + ".";
    case AdvisoryJobKind::kFork:
    case AdvisoryJobKind::kWaitFork:
      return ref + "'s temporary private fork is ready: " + Escape(o.fork_url) +
             ". Only the advisory's collaborators and the repository's admins can see it.";
    case AdvisoryJobKind::kRequestCve:
      return "CVE requested from GitHub for " + Escape(ghsa) + " (" + ref +
             "). GitHub reviews requests, usually within 72 hours; the CVE shows on the advisory, "
             "and srcbot records it when it publishes the advisory (or: /src cve " +
             ref + " set CVE-YYYY-NNNNN).";
    case AdvisoryJobKind::kPublish: {
      if (!o.url.empty()) after.advisory_url = o.url;
      if (after.cve.empty() && IsCveId(o.cve)) after.cve = o.cve;
      std::string text = Escape(ghsa) +
                         (o.already ? " was published already: " : " is published: ") +
                         Escape(after.advisory_url) + " (" + ref + ").";
      if (!after.cve.empty()) text += " CVE: " + Escape(after.cve) + ".";
      return text;
    }
    case AdvisoryJobKind::kForkReminder:
      return ref + " is released: take the fix team off the temporary private fork " +
             Escape(o.fork_url) +
             " (on GitHub, the fork's Settings → Collaborators), or delete it once the fix is "
             "merged.";
  }
  return ref + ": GitHub work done.";
}

std::string Failed(const Case& c, const AdvisoryJob& job, const AdvisoryOutcome& o) {
  const std::string ref = CaseRef(c.id);
  const std::string why = Escape(o.error);
  const std::string ghsa = Escape(c.ghsa_id);
  switch (job.kind) {
    case AdvisoryJobKind::kCreate:
      return "Creating " + ref + "'s GitHub security advisory failed: " + why;
    case AdvisoryJobKind::kCollaborators:
      return "Updating the collaborators of " + ghsa + " (" + ref + ") failed: " + why +
             " (/src advisory " + ref + " sync tries again)";
    case AdvisoryJobKind::kFork:
    case AdvisoryJobKind::kWaitFork:
      if (!o.fork_name.empty()) {
        return ref + "'s temporary private fork " + Escape(o.fork_name) +
               " is not there yet: " + why +
               ". Look for it on the advisory: " + Escape(c.advisory_url);
      }
      return "Creating " + ref + "'s temporary private fork failed: " + why;
    case AdvisoryJobKind::kRequestCve:
      if (o.private_repo) {
        return "GitHub assigns CVEs only for advisories in public repositories, and " +
               Escape(o.repo.empty() ? c.repo : o.repo) + " is private: no CVE was requested for " +
               ghsa + " (" + ref +
               "). Ask another CNA (such as MITRE, https://cveform.mitre.org/) and record it with "
               "/src cve " +
               ref + " set CVE-YYYY-NNNNN";
      }
      return "Requesting a CVE for " + ghsa + " (" + ref + ") failed: " + why;
    case AdvisoryJobKind::kPublish:
      return "Publishing " + ghsa + " (" + ref + ") failed: " + why +
             ". Once fixed: /src advisory " + ref + " publish";
    case AdvisoryJobKind::kForkReminder:
      break;
  }
  return ref + ": GitHub work failed: " + why;
}

}  // namespace

Result<Change> ApplyOutcome(const Case& current, const AdvisoryJob& job,
                            const AdvisoryOutcome& outcome, TimePoint now) {
  Change change{current, {}, {}};
  std::string text =
      outcome.ok ? Ok(current, job, outcome, change.after) : Failed(current, job, outcome);
  if (!outcome.ok && text.back() != '.') text += ".";
  std::string kind =
      "github-" + std::string(AdvisoryJobName(job.kind)) + (outcome.ok ? "-done" : "-failed");
  change.events.push_back({current.id, now, "", "", std::move(kind), text});
  change.messages.push_back({Audience::kSrcChannel, "", std::move(text), {current.id}, "", {}});
  return change;
}

}  // namespace srcbot::core
