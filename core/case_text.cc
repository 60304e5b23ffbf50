#include "core/case_text.h"

#include <sstream>

#include "core/advisory_records.h"
#include "core/cvss.h"
#include "core/markup.h"

namespace srcbot::core {
namespace {

std::string Flags(const Case& c) {
  std::string out;
  auto add = [&](const std::string& f) { out += (out.empty() ? "" : ", ") + f; };
  if (c.embargoed) add("embargo");
  if (c.is_public) add("public");
  if (c.slow) add("slow");
  if (c.going_public == GoingPublic::kAccepted) add("reporter accepted private handling");
  if (c.going_public == GoingPublic::kRefused) add("reporter refused private handling");
  return out.empty() ? "none" : out;
}

std::string TeamLine(const Case& c) {
  if (c.team.empty()) return "nobody yet";
  std::string out;
  for (const TeamMember& m : c.team) {
    if (!out.empty()) out += ", ";
    out += Mention(m.user);
    std::string notes;
    if (m.reporter) notes += "reporter";
    if (m.outside) notes += std::string(notes.empty() ? "" : ", ") + "outside";
    if (!m.approved) notes += std::string(notes.empty() ? "" : ", ") + "pending approval";
    if (!m.github.empty()) notes += std::string(notes.empty() ? "" : ", ") + "GitHub " + Escape(m.github);
    if (!notes.empty()) out += " (" + notes + ")";
  }
  return out;
}

}  // namespace

std::string DeadlineState(const Deadline& d, TimePoint now) {
  if (d.met_at) {
    std::string s = "met " + FormatHuman(*d.met_at);
    if (*d.met_at > d.due) s += " (" + FormatDuration(*d.met_at - d.due) + " late)";
    return s;
  }
  if (now <= d.due) return "due in " + FormatDuration(d.due - now) + " (" + FormatHuman(d.due) + ")";
  return "OVERDUE by " + FormatDuration(now - d.due) + " (was due " + FormatHuman(d.due) + ")";
}

std::string RenderCase(const Case& c, const DeadlinePolicy& policy, TimePoint now) {
  std::ostringstream o;
  o << "*" << CaseRef(c.id) << "* " << Escape(c.title) << "\n";
  o << "stage: " << StageName(c.stage);
  if (c.resolution != Resolution::kNone) o << " (" << ResolutionName(c.resolution) << ")";
  o << " · flags: " << Flags(c) << "\n";
  if (!c.repo.empty()) o << "repo: " << Escape(c.repo) << "\n";
  if (!c.affected.empty()) o << "affected: " << Escape(c.affected) << "\n";
  if (!c.upstream.empty()) o << "upstream: " << Escape(c.upstream) << "\n";
  if (c.replicated) o << "replicated: " << (*c.replicated ? "yes" : "no") << "\n";
  if (c.cvss_score) {
    o << "CVSS: " << FormatCvssScore(*c.cvss_score) << " " << SeverityName(SeverityOf(*c.cvss_score));
    if (!c.cvss_vector.empty()) o << " (" << Escape(c.cvss_vector) << ")";
    o << "\n";
  }
  // The advisory is how a case from GitHub private reporting is found on
  // GitHub, and the CVE how the world will name it: both belong on the card.
  if (!c.ghsa_id.empty()) {
    o << "advisory: " << Escape(c.ghsa_id);
    if (!c.advisory_url.empty()) o << " " << Escape(c.advisory_url);
    o << "\n";
  }
  if (!c.cve.empty()) o << "CVE: " << Escape(c.cve) << "\n";
  o << "received: " << FormatHuman(c.received_at) << " via " << ViaName(c.via) << "\n";
  if (!c.reporter.empty()) o << "reporter: " << Escape(c.reporter) << "\n";
  if (!c.credit.empty()) o << "credit: " << Escape(c.credit) << "\n";
  o << "lead: " << (c.lead.empty() ? "nobody yet" : Mention(c.lead)) << "\n";
  o << "fix team: " << TeamLine(c) << "\n";
  for (const Deadline& d : Deadlines(c, policy)) {
    o << "• " << DeadlineName(d.kind) << ": " << DeadlineState(d, now) << "\n";
  }
  std::string s = o.str();
  s.pop_back();
  return s;
}

std::string RenderCaseLine(const Case& c, const DeadlinePolicy& policy, TimePoint now) {
  std::string line = CaseRef(c.id) + " [" + std::string(StageName(c.stage)) + "] " + Escape(c.title);
  if (c.is_public) line += " (public)";
  line += " — lead " + (c.lead.empty() ? std::string("nobody") : Mention(c.lead));
  for (const Deadline& d : Deadlines(c, policy)) {
    if (!d.met_at) {
      line += " — " + std::string(DeadlineName(d.kind)) + " " + DeadlineState(d, now);
      break;
    }
  }
  return line;
}

std::string RenderTimeline(const Case& c, const std::vector<Event>& events) {
  std::string out = "Timeline of " + CaseRef(c.id) + " (" + Escape(c.title) + ")";
  // Appended piece by piece: `"\n" + FormatHuman(...)` prepends into a
  // temporary, and GCC 12 at -O3 reports that insert as a false -Wrestrict.
  for (const Event& e : events) {
    out += '\n';
    out += FormatHuman(e.at);
    out += " · ";
    out += e.actor.empty() ? "srcbot" : Mention(e.actor);
    if (!e.channel.empty()) {
      out += " in <#";
      out += e.channel;
      out += '>';
    }
    out += " · ";
    out += EventSummary(e);
  }
  return out;
}

std::vector<Event> RefusalEvents(const std::vector<EmbargoDecision>& decisions) {
  std::vector<Event> out;
  for (const EmbargoDecision& d : decisions) {
    if (d.outcome != "refused") continue;
    // Direct messages, modals and App Home views are addressed to a person.
    bool personal = d.kind == "direct" || d.kind == "modal" || d.kind == "home";
    std::string where = personal ? Mention(d.destination) : "<#" + d.destination + ">";
    std::string text = "embargo guard refused a " + d.kind + " to " + where;
    if (!personal && !d.recipient.empty()) text += " for " + Mention(d.recipient);
    text += ": " + Escape(d.reason);
    out.push_back({d.case_id, d.at, "", "", "embargo-refused", std::move(text)});
  }
  return out;
}

}  // namespace srcbot::core
