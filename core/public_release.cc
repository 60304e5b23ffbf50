#include "core/public_release.h"

#include "core/cvss.h"
#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::core {

PublicRelease PublicFieldsOf(const Case& c) {
  return {.id = c.id,
          .project = c.repo,
          .version = c.fixed_version,
          .cve = c.cve,
          .cvss_score = c.cvss_score,
          .summary = c.public_summary,
          .release_url = c.release_url,
          .advisory_url = c.advisory_url,
          .announcement_url = c.announcement_url};
}

bool IsReleased(const Case& c) { return !c.embargoed && c.released_at.has_value(); }

std::string RenderReleasePost(const PublicRelease& r) {
  std::string project = r.project.empty() ? std::string("the project") : Escape(r.project);
  std::string out = ":shield: *Security release: " + project;
  if (!r.version.empty()) out += StrCat({" ", Escape(r.version)});
  out += "*";
  if (!r.cve.empty()) out += StrCat({"\n*", Escape(r.cve), "*"});
  if (r.cvss_score) {
    out += std::string(r.cve.empty() ? "\n" : " · ") + "CVSS " + FormatCvssScore(*r.cvss_score) +
           " (" + std::string(SeverityName(SeverityOf(*r.cvss_score))) + ")";
  }
  if (!r.summary.empty()) out += StrCat({"\n", Escape(r.summary)});
  if (!r.version.empty()) out += StrCat({"\nUpgrading to ", Escape(r.version), " is encouraged."});
  auto link = [&out](const char* label, const std::string& url) {
    if (!url.empty()) out += StrCat({"\n", label, ": ", Escape(url)});
  };
  link("Release", r.release_url);
  link("Advisory", r.advisory_url);
  link("Announcement", r.announcement_url);
  return out;
}

}  // namespace srcbot::core
