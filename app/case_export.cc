#include "app/case_export.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/advisory_records.h"
#include "core/deadlines.h"
#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::app {

using Json = nlohmann::json;

namespace {

// "2026-11-25 15:09", the Gantt chart's dateFormat.
std::string GanttTime(core::TimePoint t) {
  std::string iso = core::FormatIso(t);  // 2026-11-25T15:09:00Z
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

// A Mermaid Gantt chart of each stage against its deadline, which GitHub
// renders as a picture: the window to the deadline, and how long it took
// (done, crit when missed, active while open).
std::string Gantt(const core::Case& c, core::TimePoint now) {
  std::string out = "```mermaid\ngantt\n    title " + core::CaseRef(c.id) +
                    " against its deadlines\n    dateFormat YYYY-MM-DD HH:mm\n    axisFormat %m-%d\n";
  int n = 0;
  for (const core::Deadline& d : core::Deadlines(c, core::DeadlinePolicy{})) {
    std::string id = core::StrCat({"s", std::to_string(n++)});
    out += "    section " + std::string(core::DeadlineName(d.kind)) + "\n";
    out += "    deadline :" + id + "w, " + GanttTime(d.starts) + ", " + GanttTime(d.due) + "\n";
    core::TimePoint end = d.met_at.value_or(std::max(now, d.starts));
    std::string tag = !d.met_at ? "active" : *d.met_at <= d.due ? "done" : "crit";
    out += "    took :" + tag + ", " + id + "t, " + GanttTime(d.starts) + ", " + GanttTime(end) + "\n";
  }
  return out + "```\n";
}

}  // namespace

std::string ExportMarkdown(const core::Case& c, const std::vector<core::Event>& timeline,
                           const std::vector<core::EmbargoDecision>& decisions, core::TimePoint now) {
  std::string out = "# " + core::CaseRef(c.id) + ": " + c.title + "\n\n";
  out += "- stage: " + std::string(core::StageName(c.stage)) + "\n";
  if (c.resolution != core::Resolution::kNone) {
    out += "- resolution: " + std::string(core::ResolutionName(c.resolution)) + "\n";
  }
  if (!c.repo.empty()) out += "- repo: " + c.repo + "\n";
  // As on the case card (`show`): how a case from GitHub private reporting
  // is found on GitHub, and the name the world will know it by.
  if (!c.ghsa_id.empty()) {
    out += "- advisory: " + c.ghsa_id + (c.advisory_url.empty() ? "" : " " + c.advisory_url) + "\n";
  }
  if (!c.cve.empty()) out += "- CVE: " + c.cve + "\n";
  out += "- received: " + core::FormatIso(c.received_at) + "\n";
  out += "\n## Stages\n\n" + Gantt(c, now);
  out += "\n## Timeline\n\n| when (UTC) | who | what |\n|---|---|---|\n";
  for (const core::Event& e : timeline) {
    std::string text = core::PlainText(core::EventSummary(e));
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
                      {"text", core::PlainText(core::EventSummary(e))}});
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
  // The OSV and CSAF records attached at release, as they were then.
  for (auto [name, kind] : {std::pair{"osv", core::kAttachedOsv}, std::pair{"csaf", core::kAttachedCsaf}}) {
    if (auto record = core::AttachedRecord(timeline, kind)) {
      Json parsed = Json::parse(*record, nullptr, false);
      if (!parsed.is_discarded()) doc["attached"][name] = parsed;
    }
  }
  // Replace, not throw: a title stored before commands had to be UTF-8 (or
  // written by other means) must not make the export abort.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace srcbot::app
