#include "core/advisory_records.h"

#include <algorithm>
#include <array>

#include "core/cvss.h"
#include "core/markup.h"
#include "core/public_release.h"

namespace srcbot::core {
namespace {

Status NotReleased(const Case& c) {
  return Status::Conflict(CaseRef(c.id) +
                          " is not released yet: its OSV and CSAF records are made at release");
}

std::string Ghsa(const RecordInputs& in) {
  return in.c.ghsa_id.empty() ? in.advisory.ghsa_id : in.c.ghsa_id;
}

std::string RepoUrl(const Case& c) { return "https://github.com/" + c.repo; }

// The first sentence (or line) of the public summary, cut at 120 characters
// on a word: OSV wants a one-line summary, the details carry the rest.
std::string SummaryLine(const std::string& text) {
  size_t end = text.find('\n');
  if (size_t dot = text.find(". "); dot != std::string::npos) end = std::min(end, dot + 1);
  std::string line = text.substr(0, end);
  if (line.size() > 120) {
    size_t cut = line.rfind(' ', 117);
    line = line.substr(0, cut == std::string::npos ? 117 : cut) + "...";
  }
  return line;
}

std::string Details(const Case& c) {
  std::string out = c.public_summary;
  if (!c.fixed_version.empty()) {
    out += "\n\nFixed in " + (c.repo.empty() ? std::string("version") : c.repo) + " " +
           c.fixed_version + ".";
  }
  return out;
}

// The http(s) links recorded with `link` that point into the case's public
// repository: pull requests and commits there are its fix.
std::vector<std::string> FixLinks(const Case& c, const std::vector<Event>& timeline) {
  std::vector<std::string> out;
  if (c.repo.empty()) return out;
  const std::string prefix = RepoUrl(c) + "/";
  for (const Event& e : timeline) {
    if (e.kind != "link") continue;
    std::string text = PlainText(e.text);
    size_t at = text.find("https://");
    if (at == std::string::npos) continue;
    std::string url = text.substr(at, text.find_first_of(" \t\n", at) - at);
    if (!url.starts_with(prefix)) continue;
    if (url.find("/pull/") == std::string::npos && url.find("/commit/") == std::string::npos)
      continue;
    if (std::find(out.begin(), out.end(), url) == out.end()) out.push_back(url);
  }
  return out;
}

// A commit id from a linked commit URL (…/commit/<hex>), for a GIT range.
std::string FixCommit(const std::vector<std::string>& fixes) {
  for (const std::string& url : fixes) {
    size_t at = url.find("/commit/");
    if (at == std::string::npos) continue;
    std::string sha = url.substr(at + 8);
    if (sha.size() >= 7 && sha.find_first_not_of("0123456789abcdef") == std::string::npos)
      return sha;
  }
  return "";
}

std::string DefaultPackage(const Case& c, std::string_view ecosystem) {
  if (ecosystem == "Go") return "github.com/" + c.repo;
  return c.repo.substr(c.repo.find('/') + 1);
}

std::vector<RecordReference> References(const RecordInputs& in, const std::string& ghsa,
                                        const std::vector<std::string>& fixes) {
  const Case& c = in.c;
  std::vector<RecordReference> refs;
  std::string advisory = !c.advisory_url.empty() ? c.advisory_url : in.advisory.url;
  if (advisory.empty() && !ghsa.empty() && !c.repo.empty())
    advisory = RepoUrl(c) + "/security/advisories/" + ghsa;
  if (!advisory.empty()) refs.push_back({"ADVISORY", advisory, "GitHub security advisory"});
  if (!c.cve.empty())
    refs.push_back(
        {"ADVISORY", "https://www.cve.org/CVERecord?id=" + c.cve, "CVE record " + c.cve});
  for (const std::string& url : fixes) refs.push_back({"FIX", url, "Fix"});
  if (!c.repo.empty()) refs.push_back({"PACKAGE", RepoUrl(c), "Source repository"});
  if (!c.release_url.empty()) refs.push_back({"WEB", c.release_url, "Release " + c.fixed_version});
  if (!c.announcement_url.empty())
    refs.push_back({"WEB", c.announcement_url, "Security announcement"});
  return refs;
}

}  // namespace

std::string_view OsvEcosystem(std::string_view github) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kNames = {{
      {"actions", "GitHub Actions"},
      {"composer", "Packagist"},
      {"erlang", "Hex"},
      {"go", "Go"},
      {"maven", "Maven"},
      {"npm", "npm"},
      {"nuget", "NuGet"},
      {"pip", "PyPI"},
      {"pub", "Pub"},
      {"rubygems", "RubyGems"},
      {"rust", "crates.io"},
      {"swift", "SwiftURL"},
  }};
  for (const auto& [from, to] : kNames) {
    if (from == github) return to;
  }
  return "";
}

TimePoint RecordModified(const Case& c, const std::vector<Event>& timeline) {
  TimePoint latest = c.released_at.value_or(TimePoint{});
  for (const Event& e : timeline) {
    bool relevant = e.kind == "cve-set" || e.kind == "summary" || e.kind == "link" ||
                    e.kind == "released" || e.kind.starts_with("github-cve") ||
                    e.kind.starts_with("github-publish");
    if (relevant && e.at > latest) latest = e.at;
  }
  return latest;
}

Result<OsvRecord> BuildOsv(const RecordInputs& in) {
  const Case& c = in.c;
  if (!IsReleased(c)) return NotReleased(c);
  const std::string ghsa = Ghsa(in);
  OsvRecord r;
  r.id = !ghsa.empty() ? ghsa : c.cve;
  if (r.id.empty()) {
    return Status::Conflict(
        CaseRef(c.id) + " has neither a GHSA id nor a CVE: an OSV record needs one (/src cve " +
        CaseRef(c.id) + " set CVE-…, or /src advisory " + CaseRef(c.id) + " create)");
  }
  if (!ghsa.empty() && !c.cve.empty()) r.aliases.push_back(c.cve);
  r.summary = SummaryLine(c.public_summary);
  r.details = Details(c);
  if (c.cvss_vector.starts_with("CVSS:3.")) r.severity_type = "CVSS_V3";
  if (c.cvss_vector.starts_with("CVSS:4.")) r.severity_type = "CVSS_V4";
  if (!r.severity_type.empty()) r.severity_vector = c.cvss_vector;
  std::vector<std::string> fixes = FixLinks(c, in.timeline);
  r.fixed_version = c.fixed_version;
  if (!c.repo.empty()) {
    r.ecosystem = std::string(OsvEcosystem(in.advisory.ecosystem));
    if (!r.ecosystem.empty()) {
      r.package =
          in.advisory.package.empty() ? DefaultPackage(c, r.ecosystem) : in.advisory.package;
      r.fixed = c.fixed_version;
    } else {
      r.git_repo = RepoUrl(c);
      r.fixed = FixCommit(fixes);
    }
  }
  r.references = References(in, ghsa, fixes);
  if (!c.credit.empty()) r.credits.push_back(c.credit);
  r.published = *c.released_at;
  r.modified = RecordModified(c, in.timeline);
  return r;
}

Result<CsafDocument> BuildCsaf(const RecordInputs& in) {
  const Case& c = in.c;
  if (!IsReleased(c)) return NotReleased(c);
  CsafDocument d;
  d.ghsa_id = Ghsa(in);
  d.cve = c.cve;
  std::string project = c.repo.empty() ? std::string("project") : c.repo;
  d.tracking_id = !d.ghsa_id.empty() ? d.ghsa_id
                  : !c.cve.empty()   ? c.cve
                                     : project + "-" + CaseRef(c.id);
  d.vendor = c.repo.empty() ? project : c.repo.substr(0, c.repo.find('/'));
  d.product = c.repo.empty() ? project : c.repo.substr(c.repo.find('/') + 1);
  d.fixed_version = c.fixed_version;
  d.title = "Security release of " + project + " " + c.fixed_version + ": " +
            SummaryLine(c.public_summary);
  d.publisher_name =
      in.publisher.empty() ? d.vendor + " Security Response Committee" : in.publisher;
  d.publisher_namespace = "https://github.com/" + d.vendor;
  d.initial_release = *c.released_at;
  d.current_release = RecordModified(c, in.timeline);
  d.revisions.push_back({d.initial_release, "Initial release."});
  if (d.current_release > d.initial_release)
    d.revisions.push_back({d.current_release, "Public fields updated after the release."});
  d.version = std::to_string(d.revisions.size());
  d.summary = c.public_summary;
  d.details = Details(c);
  if (c.cvss_vector.starts_with("CVSS:3.")) {
    auto scores = ScoreCvss(c.cvss_vector);
    if (scores.ok()) {
      const CvssScores& s = scores.value();
      std::string severity(SeverityName(SeverityOf(s.base_score)));
      std::transform(severity.begin(), severity.end(), severity.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      d.cvss_v3 =
          CsafCvss{std::string(CvssVersionName(s.version)), c.cvss_vector, s.base_score, severity};
    }
  } else if (c.cvss_vector.starts_with("CVSS:4.")) {
    d.cvss_v4_vector = c.cvss_vector;
  }
  d.remediation_url = c.release_url;
  d.references = References(in, d.ghsa_id, FixLinks(c, in.timeline));
  if (!c.credit.empty()) d.acknowledgments.push_back(c.credit);
  return d;
}

std::string EventSummary(const Event& e) {
  if (e.kind == kAttachedOsv || e.kind == kAttachedCsaf) return e.text.substr(0, e.text.find('\n'));
  return e.text;
}

std::optional<std::string> AttachedRecord(const std::vector<Event>& timeline,
                                          std::string_view kind) {
  for (auto it = timeline.rbegin(); it != timeline.rend(); ++it) {
    if (it->kind != kind) continue;
    size_t nl = it->text.find('\n');
    return nl == std::string::npos ? std::string() : it->text.substr(nl + 1);
  }
  return std::nullopt;
}

}  // namespace srcbot::core
