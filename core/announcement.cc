#include "core/announcement.h"

#include <algorithm>

#include "core/cvss.h"

namespace srcbot::core {
namespace {

// The value, or a visible placeholder that names what is missing.
std::string Field(const std::string& value, const std::string& what, const std::string& how,
                  std::vector<std::string>* missing) {
  if (!value.empty()) return value;
  std::string entry = what + " (" + how + ")";
  if (std::find(missing->begin(), missing->end(), entry) == missing->end()) missing->push_back(entry);
  return "[missing: " + what + "]";
}

}  // namespace

Announcement RenderAnnouncement(const Case& c, const std::string& version_override) {
  Announcement a;
  std::vector<std::string>* missing = &a.missing;
  const std::string repo = Field(c.repo, "repository", "/src triage --repo owner/name", missing);
  const std::string name = c.repo.find('/') == std::string::npos ? repo : c.repo.substr(c.repo.find('/') + 1);
  const std::string version = Field(version_override.empty() ? c.fixed_version : version_override,
                                    "fixed version", "/src announce <case> --version <v>", missing);
  const std::string cve = Field(c.cve, "CVE", "/src cve <case> set CVE-…", missing);
  const std::string summary = Field(c.public_summary, "public summary", "/src summary <case> \"…\"", missing);
  std::string score = c.cvss_score ? FormatCvssScore(*c.cvss_score) + " (" +
                                         std::string(SeverityName(SeverityOf(*c.cvss_score))) + ")"
                                   : Field("", "CVSS score", "/src cvss <case> <vector>", missing);

  a.subject = "Security release of " + repo + " " + version + " is now available";
  std::string& b = a.body;
  b += "Subject: " + a.subject + "\n\n";
  b += "A security release of " + repo + " is available: " + version + ".\n\n";
  b += "- " + cve + ": CVSS " + score + "\n  " + summary + "\n\n";
  b += "Upgrading to " + version + " is encouraged.\n\n";
  b += "Am I vulnerable?\n\nRun `" + name + " --version`. Versions before " + version +
       " are affected";
  if (!c.affected.empty()) b += " (" + c.affected + ")";
  b += ".\n\n";
  b += "How do I mitigate the vulnerability?\n\nUpgrade to " + version +
       ". There is no other known mitigation.\n\n";
  b += "How do I upgrade?\n\nInstall " + version + " from the release page";
  b += c.release_url.empty() ? ".\n\n" : ":\n" + c.release_url + "\n\n";
  b += "Vulnerability Details\n\n" + summary + "\n";
  if (!c.advisory_url.empty()) b += "The advisory: " + c.advisory_url + "\n";
  if (!c.cvss_vector.empty()) b += "CVSS vector: " + c.cvss_vector + "\n";
  b += "\nAcknowledgements\n\n";
  // Policy: the reporter is named only with their consent (`reporter … --credit`).
  b += c.credit.empty() ? "We thank the reporter, who asked not to be named, for the report.\n"
                        : "We thank " + c.credit + " for reporting this vulnerability.\n";
  return a;
}

}  // namespace srcbot::core
