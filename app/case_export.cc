#include "app/case_export.h"

#include <nlohmann/json.hpp>

#include "core/markup.h"

namespace srcbot::app {

using Json = nlohmann::json;

std::string ExportMarkdown(const core::Case& c, const std::vector<core::Event>& timeline,
                           const std::vector<core::EmbargoDecision>& decisions) {
  std::string out = "# " + core::CaseRef(c.id) + ": " + c.title + "\n\n";
  out += "- stage: " + std::string(core::StageName(c.stage)) + "\n";
  if (c.resolution != core::Resolution::kNone) {
    out += "- resolution: " + std::string(core::ResolutionName(c.resolution)) + "\n";
  }
  if (!c.repo.empty()) out += "- repo: " + c.repo + "\n";
  out += "- received: " + core::FormatIso(c.received_at) + "\n";
  out += "\n## Timeline\n\n| when (UTC) | who | what |\n|---|---|---|\n";
  for (const core::Event& e : timeline) {
    std::string text = core::PlainText(e.text);
    for (size_t p = 0; (p = text.find('|', p)) != std::string::npos; p += 2) text.replace(p, 1, "\\|");
    out += "| " + core::FormatHuman(e.at) + " | " + (e.actor.empty() ? "srcbot" : "@" + e.actor) +
           " | " + text + " |\n";
  }
  if (!decisions.empty()) {
    out += "\n## Embargo decisions\n\n| when (UTC) | outcome | what | where | reader | why |\n"
           "|---|---|---|---|---|---|\n";
    for (const core::EmbargoDecision& d : decisions) {
      out += "| " + core::FormatHuman(d.at) + " | " + d.outcome + " | " + d.kind + " | " +
             d.destination + " | " + d.recipient + " | " + d.reason + " |\n";
    }
  }
  return out;
}

std::string ExportJson(const core::Case& c, const std::vector<core::Event>& timeline,
                       const std::vector<core::EmbargoDecision>& decisions) {
  Json guard = Json::array();
  for (const core::EmbargoDecision& d : decisions) {
    guard.push_back({{"at", core::FormatIso(d.at)},
                     {"outcome", d.outcome},
                     {"kind", d.kind},
                     {"destination", d.destination},
                     {"recipient", d.recipient},
                     {"reason", d.reason}});
  }
  Json events = Json::array();
  for (const core::Event& e : timeline) {
    events.push_back({{"at", core::FormatIso(e.at)},
                      {"actor", e.actor},
                      {"channel", e.channel},
                      {"kind", e.kind},
                      {"text", core::PlainText(e.text)}});
  }
  Json team = Json::array();
  for (const core::TeamMember& m : c.team) {
    team.push_back({{"user", m.user},
                    {"outside", m.outside},
                    {"approved", m.approved},
                    {"reporter", m.reporter},
                    {"github", m.github}});
  }
  Json doc = {{"id", core::CaseRef(c.id)},
              {"title", c.title},
              {"stage", core::StageName(c.stage)},
              {"resolution", core::ResolutionName(c.resolution)},
              {"repo", c.repo},
              {"affected", c.affected},
              {"public", c.is_public},
              {"slow", c.slow},
              {"embargoed", c.embargoed},
              {"lead", c.lead},
              {"received_at", core::FormatIso(c.received_at)},
              {"cvss_vector", c.cvss_vector},
              {"cvss_score", c.cvss_score ? Json(*c.cvss_score) : Json()},
              {"fixed_version", c.fixed_version},
              {"cve", c.cve},
              {"ghsa_id", c.ghsa_id},
              {"public_summary", c.public_summary},
              {"release_url", c.release_url},
              {"advisory_url", c.advisory_url},
              {"announcement_url", c.announcement_url},
              {"released_at", c.released_at ? Json(core::FormatIso(*c.released_at)) : Json()},
              {"team", team},
              {"timeline", events},
              {"embargo_decisions", guard}};
  return doc.dump(2) + "\n";
}

}  // namespace srcbot::app
