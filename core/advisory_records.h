#pragma once
// The advisory as machine-readable records after release (SPEC §8,
// docs/advisory-records.md): an OSV record and a CSAF 2.0 security advisory,
// built as plain values from the case's public fields only (never the title,
// the reporter's identity beyond a consented credit, the team or the notes).
// Pure: the JSON is written by app/advisory_json.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/advisory.h"
#include "core/case.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

struct RecordReference {
  std::string type;  // OSV: ADVISORY, FIX, PACKAGE, WEB
  std::string url;
  std::string summary;  // for CSAF, which wants one
};

struct OsvRecord {
  std::string id;                    // the GHSA id, or the CVE when there is none
  std::vector<std::string> aliases;  // the CVE when the id is the GHSA
  std::string summary;               // one line
  std::string details;
  std::string severity_type;  // "CVSS_V3", "CVSS_V4", or "" (not scored)
  std::string severity_vector;
  // affected: an ecosystem package with an ECOSYSTEM range, or (no known
  // ecosystem) a GIT range on the repository.
  std::string ecosystem;  // OSV's name ("Go", "PyPI", …); "" for a GIT range
  std::string package;
  std::string git_repo;  // "https://github.com/owner/name" for a GIT range
  std::string fixed;     // ECOSYSTEM: the fixed version; GIT: a fix commit, may be empty
  std::string fixed_version;
  std::vector<RecordReference> references;
  std::vector<std::string> credits;  // names, type REPORTER
  TimePoint published{};
  TimePoint modified{};
};

struct CsafCvss {
  std::string version;  // "3.0" or "3.1"
  std::string vector;
  double base_score = 0;
  std::string base_severity;  // "NONE" … "CRITICAL"
};

struct CsafDocument {
  std::string tracking_id;  // the GHSA id, else the CVE, else "<owner>/<name>-SRC-<n>"
  std::string title;
  std::string publisher_name;
  std::string publisher_namespace;  // https://github.com/<owner>
  std::string vendor;               // owner
  std::string product;              // name
  std::string fixed_version;
  TimePoint initial_release{};
  TimePoint current_release{};
  std::string version;  // tracking version, "1" then one more per revision
  std::vector<std::pair<TimePoint, std::string>> revisions;  // date, summary
  std::string cve;
  std::string ghsa_id;
  std::string summary;
  std::string details;
  std::optional<CsafCvss> cvss_v3;
  std::string cvss_v4_vector;  // CSAF 2.0 has no cvss_v4: kept as a note
  std::string remediation_url;
  std::vector<RecordReference> references;
  std::vector<std::string> acknowledgments;
};

struct RecordInputs {
  const Case& c;
  const AdvisoryRecord& advisory;  // may be empty (no GitHub advisory)
  const std::vector<Event>& timeline;
  std::string publisher;  // e.g. "sigstore Security Response Committee"; may be empty
};

// The OSV record of a released case. kConflict before release, and when the
// case has neither a GHSA id nor a CVE (OSV needs one as its id).
Result<OsvRecord> BuildOsv(const RecordInputs& in);
// The CSAF document of a released case; kConflict before release.
Result<CsafDocument> BuildCsaf(const RecordInputs& in);

// OSV's ecosystem for a GitHub advisory ecosystem ("pip" → "PyPI"), or "" for
// "other" and unknown ones.
std::string_view OsvEcosystem(std::string_view github_ecosystem);

// When the record last changed: the release, or a later change to a public
// field (CVE, summary, advisory, links), whichever is latest.
TimePoint RecordModified(const Case& c, const std::vector<Event>& timeline);

// The records `release` attaches are timeline events of these kinds: the first
// line of the text says what was attached, the rest is the record itself.
inline constexpr std::string_view kAttachedOsv = "attached-osv";
inline constexpr std::string_view kAttachedCsaf = "attached-csaf";
// The text of `e` as people read it: an attachment's first line only.
std::string EventSummary(const Event& e);
// The record attached under `kind`, newest first found; nullopt when none.
std::optional<std::string> AttachedRecord(const std::vector<Event>& timeline,
                                          std::string_view kind);

}  // namespace srcbot::core
