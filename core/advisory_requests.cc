#include "core/advisory_requests.h"

#include "core/markup.h"
#include "core/permissions.h"

namespace srcbot::core {
namespace {

bool IsTriageReport(const AdvisoryRecord& record) {
  return record.exists() && record.state == "triage";
}

// The repository a create request goes to: the one asked for, else the case's.
std::string CreateRepo(const Case& current, const AdvisoryRecord& record, const AdvisoryJob& job) {
  if (IsTriageReport(record)) return record.repo;
  return job.repo.empty() ? current.repo : job.repo;
}

Status CheckCreate(const Case& current, const AdvisoryRecord& record, const AdvisoryJob& job) {
  const std::string ref = CaseRef(current.id);
  if (record.exists() && !IsTriageReport(record)) {
    return Status::Conflict(ref + " already has the advisory " + record.ghsa_id + " (" +
                            Escape(record.url) + ")");
  }
  std::string repo = CreateRepo(current, record, job);
  if (repo.empty()) {
    return Status::Invalid(ref + " has no repository: give it with --repo owner/name");
  }
  if (!IsRepoName(repo)) {
    return Status::Invalid("not a repository: \"" + Escape(repo) + "\" (expected owner/name)");
  }
  if (!job.ecosystem.empty() && !IsAdvisoryEcosystem(job.ecosystem)) {
    std::string all;
    for (std::string_view e : AdvisoryEcosystems())
      all += (all.empty() ? "" : ", ") + std::string(e);
    return Status::Invalid("unknown ecosystem \"" + Escape(job.ecosystem) + "\" (GitHub knows " +
                           all + ")");
  }
  for (const std::string& cwe : job.cwe_ids) {
    if (!IsCweId(cwe))
      return Status::Invalid("not a CWE id: \"" + Escape(cwe) + "\" (like CWE-79)");
  }
  return Status::Ok();
}

Status CheckOther(const Case& current, const AdvisoryRecord& record, const AdvisoryJob& job) {
  const std::string ref = CaseRef(current.id);
  if (!record.exists()) {
    return Status::Conflict(ref + " has no GitHub advisory yet: /src advisory " + ref + " create");
  }
  switch (job.kind) {
    case AdvisoryJobKind::kFork:
      if (current.released_at) return Status::Conflict(ref + " is released: no fork is needed now");
      if (!record.fork_name.empty()) {
        return Status::Conflict(ref + " already has the private fork " + Escape(record.fork_url));
      }
      break;
    case AdvisoryJobKind::kRequestCve:
      if (!current.cve.empty())
        return Status::Conflict(ref + " already has " + Escape(current.cve));
      break;
    case AdvisoryJobKind::kPublish:
      if (current.embargoed) {
        return Status::Conflict(ref + " is under embargo: /src release " + ref +
                                " publishes the advisory");
      }
      if (record.state == "published") {
        return Status::Conflict(record.ghsa_id + " is published already (" + Escape(record.url) +
                                ")");
      }
      break;
    default:
      break;
  }
  return Status::Ok();
}

std::string Requested(const Case& current, const AdvisoryRecord& record, const AdvisoryJob& job) {
  switch (job.kind) {
    case AdvisoryJobKind::kCreate:
      if (IsTriageReport(record)) {
        return "Accepting the private report " + record.ghsa_id + " as " + CaseRef(current.id) +
               "'s draft advisory";
      }
      return "Creating " + CaseRef(current.id) + "'s GitHub security advisory in " +
             Escape(CreateRepo(current, record, job));
    case AdvisoryJobKind::kCollaborators:
      return "Updating the collaborators of " + record.ghsa_id + " (" + CaseRef(current.id) + ")";
    case AdvisoryJobKind::kFork:
    case AdvisoryJobKind::kWaitFork:
      return "Asking GitHub for " + CaseRef(current.id) + "'s temporary private fork";
    case AdvisoryJobKind::kRequestCve:
      return "Requesting a CVE from GitHub for " + record.ghsa_id + " (" + CaseRef(current.id) +
             ")";
    case AdvisoryJobKind::kPublish:
      return "Publishing " + record.ghsa_id + " (" + CaseRef(current.id) + ")";
    case AdvisoryJobKind::kForkReminder:
      break;
  }
  return "GitHub work for " + CaseRef(current.id);
}

}  // namespace

Result<Change> RequestAdvisoryWork(const Case& current, const AdvisoryRecord& record,
                                   const AdvisoryJob& job, const Actor& actor, TimePoint now) {
  if (Status st = Authorize(Access::kSrcOnly, actor, &current); !st.ok()) return st;
  const bool publish = job.kind == AdvisoryJobKind::kPublish;
  if (!current.IsOpen() && !(publish && current.released_at)) {
    return Status::Conflict(CaseRef(current.id) + " is closed");
  }
  Status st = job.kind == AdvisoryJobKind::kCreate ? CheckCreate(current, record, job)
                                                   : CheckOther(current, record, job);
  if (!st.ok()) return st;
  Change change{current, {}, {}};
  change.events.push_back(
      {current.id, now, actor.user, actor.channel,
       "github-" + std::string(AdvisoryJobName(job.kind)) + "-requested",
       Requested(current, record, job) + ": requested by " + Mention(actor.user) + "."});
  return change;
}

std::string RequestAck(const Case& current, const AdvisoryRecord& record, const AdvisoryJob& job) {
  std::string text = "On it: " + Requested(current, record, job) + ".";
  if (job.kind == AdvisoryJobKind::kFork) {
    text +=
        " GitHub makes forks in the background; its link is posted in the SRC channel once it "
        "exists (up to 5 minutes).";
  } else {
    text += " GitHub's answer is posted in the SRC channel.";
  }
  return text;
}

Result<Change> SetCve(const Case& current, const std::string& cve, const Actor& actor,
                      TimePoint now) {
  if (Status st = Authorize(Access::kSrcOnly, actor, &current); !st.ok()) return st;
  const std::string ref = CaseRef(current.id);
  if (!current.IsOpen()) return Status::Conflict(ref + " is closed");
  if (!IsCveId(cve)) {
    return Status::Invalid("not a CVE id: \"" + Escape(cve) + "\" (expected CVE-YYYY-NNNNN)");
  }
  if (current.cve == cve) return Status::Conflict(ref + " has " + cve + " already");
  Change change{current, {}, {}};
  change.after.cve = cve;
  std::string text = ref + "'s CVE is " + cve + " (set by " + Mention(actor.user) + ")";
  if (!current.cve.empty()) text += "; it was " + Escape(current.cve);
  change.events.push_back({current.id, now, actor.user, actor.channel, "cve-set", text + "."});
  change.messages.push_back({Audience::kSrcChannel, "", text + ".", {current.id}, "", {}});
  return change;
}

}  // namespace srcbot::core
