#pragma once
// The GitHub side of a case (docs/github.md) as plain values: the work queued
// for GitHub (one AdvisoryJob per call the SRC asked for, or the bot decided
// on), what srcbot knows of the case's repository security advisory
// (AdvisoryRecord), and the checks on the identifiers people type. Pure: no
// I/O, no clock.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case.h"
#include "core/time.h"

namespace srcbot::core {

enum class AdvisoryJobKind {
  kCreate,         // create the draft advisory (or accept a private report as a draft)
  kCollaborators,  // make the fix team's GitHub logins the advisory's collaborators
  kFork,           // ask for the temporary private fork
  kWaitFork,       // wait until the fork exists (GitHub makes it asynchronously)
  kRequestCve,     // ask GitHub, as CNA, for a CVE
  kPublish,        // publish the advisory
  kForkReminder,   // after release: remind the SRC to take the fix team off the fork
};

// "create", "collaborators", "fork", "wait-fork", "cve", "publish", "fork-reminder".
std::string_view AdvisoryJobName(AdvisoryJobKind kind);
std::optional<AdvisoryJobKind> ParseAdvisoryJobKind(std::string_view name);

// One call to GitHub waiting in the durable queue. Queued in the transaction
// that records the request on the case's timeline; marked done in the
// transaction that records its outcome.
struct AdvisoryJob {
  std::int64_t id = 0;  // 0 until queued
  CaseId case_id = 0;
  AdvisoryJobKind kind = AdvisoryJobKind::kCreate;
  // Set for jobs that must be queued at most once per case ("publish:7"); a
  // job whose key was ever queued is not queued again.
  std::string key = {};
  UserId requested_by = {};  // empty for the bot's own jobs
  TimePoint created_at{};
  TimePoint not_before{};  // not run before this
  int attempts = 0;        // times rescheduled (the fork wait counts its polls here)

  // kCreate: where and what (empty: the defaults of docs/github.md).
  std::string repo = {};  // owner/name
  std::string ecosystem = {};
  std::string package = {};
  std::vector<std::string> cwe_ids = {};
  // kWaitFork: the fork GitHub is making, and when to give up on it.
  std::string fork_name = {};  // owner/name of the fork
  std::string fork_url = {};
  TimePoint deadline{};
};

// What srcbot knows of a case's repository security advisory. A case without
// one has a record with an empty ghsa_id.
struct AdvisoryRecord {
  CaseId case_id = 0;
  std::string repo;     // owner/name the advisory lives in
  std::string ghsa_id;  // "GHSA-xxxx-xxxx-xxxx"
  std::string url;      // its html_url
  // GitHub's state as last seen: "triage" (a private report not yet
  // accepted), "draft", "published".
  std::string state;
  std::string ecosystem;
  std::string package;
  std::vector<std::string> collaborators;  // the logins last sent to GitHub
  std::string fork_name;                   // owner/name of the temporary private fork
  std::string fork_url;
  std::optional<TimePoint> published_at;

  bool exists() const { return !ghsa_id.empty(); }
};

// The ecosystems GitHub accepts for an affected package ("go", "npm", "pip", …, "other").
const std::vector<std::string_view>& AdvisoryEcosystems();
bool IsAdvisoryEcosystem(std::string_view name);

// "CVE-2026-1234": CVE-, a four-digit year, -, then four or more digits.
bool IsCveId(std::string_view text);
// "CWE-79": CWE- then one or more digits.
bool IsCweId(std::string_view text);
// "GHSA-xxxx-xxxx-xxxx": three groups of four of GitHub's alphabet
// (digits and lower-case letters).
bool IsGhsaId(std::string_view text);
// "owner/name": one slash, neither side empty, only letters, digits, ., _ and -.
bool IsRepoName(std::string_view text);

// The GitHub logins of the case's approved fix-team members, sorted, once each.
std::vector<std::string> TeamLogins(const Case& c);

}  // namespace srcbot::core
