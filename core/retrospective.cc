#include "core/retrospective.h"

#include "core/markup.h"
#include "core/permissions.h"

namespace srcbot::core {

std::string DeadlineVerdict(const Deadline& d, TimePoint now) {
  if (d.met_at) {
    if (*d.met_at <= d.due) return "met, " + FormatDuration(d.due - *d.met_at) + " early";
    return "missed by " + FormatDuration(*d.met_at - d.due);
  }
  if (now <= d.due) return "open, due in " + FormatDuration(d.due - now);
  return "missed: " + FormatDuration(now - d.due) + " overdue";
}

std::string RenderRetrospective(const Case& c, const std::vector<Event>& timeline,
                                const DeadlinePolicy& policy, TimePoint now) {
  const std::string ref = CaseRef(c.id);
  std::string out = "*Retrospective of " + ref + ": " + Escape(c.title) + "*\n";
  out += "_Blameless: about the process, not the people._\n";

  std::set<UserId> actors;
  for (const Event& e : timeline) {
    if (!e.actor.empty()) actors.insert(e.actor);
  }
  out += "\n*Who was involved*\n";
  std::string who;
  for (const UserId& u : actors) who += (who.empty() ? "" : ", ") + Mention(u);
  out += "• Acted on the case: " + (who.empty() ? std::string("nobody recorded") : who) + "\n";
  std::string team;
  for (const TeamMember& m : c.team) {
    if (m.approved) team += (team.empty() ? "" : ", ") + Mention(m.user);
  }
  out += "• Fix team: " + (team.empty() ? std::string("none") : team) + "\n";
  out += "• Reporter: " + (c.credit.empty() ? std::string("not to be credited") : Escape(c.credit)) + "\n";

  out += "\n*Stages against their deadlines*\n";
  out += "• received " + FormatHuman(c.received_at) + "\n";
  for (const Deadline& d : Deadlines(c, policy)) {
    out += "• " + std::string(DeadlineName(d.kind)) + ": due " + FormatHuman(d.due);
    if (d.met_at) out += ", done " + FormatHuman(*d.met_at);
    out += " — " + DeadlineVerdict(d, now) + "\n";
  }

  out += "\n*Links*\n";
  bool any = false;
  std::string linked;  // the link events' texts, so a link is listed once
  for (const Event& e : timeline) {
    if (e.kind != "link") continue;
    out += "• " + e.text + "\n";
    linked += e.text;
    any = true;
  }
  for (const auto& [label, url] : {std::pair<const char*, const std::string*>{"release", &c.release_url},
                                   {"advisory", &c.advisory_url},
                                   {"announcement", &c.announcement_url}}) {
    if (url->empty() || linked.find(Escape(*url)) != std::string::npos) continue;
    out += "• " + std::string(label) + ": " + Escape(*url) + "\n";
    any = true;
  }
  if (!any) out += "• none recorded (add them with /src link " + ref + " <url>)\n";

  out += "\n*Questions for the SRC*\n";
  out += "• What went well, and should stay as it is?\n";
  out += "• Which deadline was hard to meet, and what held it up?\n";
  out += "• Was the reporter kept informed at each step?\n";
  out += "• Did the embargo hold? Did anything reach a public place too early?\n";
  out += "• What would we change in the process or in srcbot?\n";
  out += "When it is written: /src retro " + ref + " --done\n";
  return out;
}

Result<Change> FinishRetrospective(const Case& current, const Actor& actor, TimePoint now) {
  if (Status st = Authorize(Access::kSrcOnly, actor, &current); !st.ok()) return st;
  const std::string ref = CaseRef(current.id);
  if (!current.released_at) return Status::Conflict(ref + " is not released yet: the retrospective follows the release");
  if (!current.IsOpen()) return Status::Conflict(ref + " is already closed");
  Case after = current;
  after.retro_done_at = now;
  after.stage = Stage::kClosed;
  after.resolution = Resolution::kFixed;
  after.closed_at = now;
  std::string text = "Retrospective of " + ref + " done (" + Mention(actor.user) + "); " + ref +
                     " closed as fixed.";
  Change change{std::move(after), {}, {}};
  change.events.push_back({current.id, now, actor.user, actor.channel, "retrospective", text});
  change.messages.push_back({Audience::kSrcChannel, "", text, {current.id}, "", {}});
  return change;
}

}  // namespace srcbot::core
