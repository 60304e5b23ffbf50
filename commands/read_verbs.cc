// help, list, show, timeline: the verbs that only read.
#include <algorithm>

#include "commands/case_change.h"
#include "commands/verb_table.h"
#include "core/case_text.h"
#include "core/markup.h"

namespace srcbot::commands {
namespace {

core::Result<core::Case> LoadReadable(VerbContext& ctx, const Args& args, std::string_view verb) {
  auto id = CaseArg(args, verb);
  if (!id.ok()) return id.status();
  auto c = ctx.store.Load(id.value());
  if (!c.ok()) return c.status();
  if (auto st = core::Authorize(core::Access::kFixTeamOrSrc, ctx.actor, &c.value()); !st.ok()) {
    return st;
  }
  return c;
}

Reply DetailReply(std::string text, core::CaseId id) {
  return Reply{std::move(text), {id}, ""};
}

}  // namespace

core::Result<Reply> RunHelp(VerbContext& ctx, const Args& args) {
  if (!args.positionals.empty()) {
    const std::string name = TokenText(args.positionals.front());
    const Verb* verb = FindVerb(name);
    if (verb == nullptr) return core::Status::Invalid("no verb \"" + core::Escape(name) + "\"");
    return Reply{"/src " + core::Escape(verb->usage) + "\n" + std::string(verb->summary), {}, ""};
  }
  std::string text = "*srcbot* runs the Security Response Committee's cases. Verbs you can use:";
  for (const Verb& v : Verbs()) {
    if (v.access == core::Access::kSrcOnly && !ctx.actor.src_member) continue;
    text += "\n• /src " + core::Escape(v.usage) + " — " + std::string(v.summary);
  }
  if (!ctx.actor.src_member) text += "\n(show, timeline, cvss and fixed work on cases whose fix team you are on.)";
  return Reply{text, {}, ""};
}

core::Result<Reply> RunList(VerbContext& ctx, const Args& args) {
  auto cases = ctx.store.List(args.Has("all"));
  if (!cases.ok()) return cases.status();
  if (cases.value().empty()) return Reply{args.Has("all") ? "No cases yet." : "No open cases.", {}, ""};
  Reply reply{args.Has("all") ? "All cases:" : "Open cases:", {}, ""};
  for (const core::Case& c : cases.value()) {
    reply.text += "\n• " + core::RenderCaseLine(c, ctx.options.deadlines, ctx.now);
    reply.about.push_back(c.id);
  }
  return reply;
}

core::Result<Reply> RunShow(VerbContext& ctx, const Args& args) {
  auto c = LoadReadable(ctx, args, "show");
  if (!c.ok()) return c.status();
  return DetailReply(core::RenderCase(c.value(), ctx.options.deadlines, ctx.now), c.value().id);
}

core::Result<Reply> RunTimeline(VerbContext& ctx, const Args& args) {
  auto c = LoadReadable(ctx, args, "timeline");
  if (!c.ok()) return c.status();
  auto events = ctx.store.Timeline(c.value().id);
  if (!events.ok()) return events.status();
  std::vector<core::Event> shown = std::move(events).value();
  // The guard's refusals are the SRC's to see (where details went, or did not).
  if (ctx.actor.src_member) {
    auto decisions = ctx.store.Decisions(c.value().id);
    if (!decisions.ok()) return decisions.status();
    for (core::Event& e : core::RefusalEvents(decisions.value())) shown.push_back(std::move(e));
    std::stable_sort(shown.begin(), shown.end(),
                     [](const core::Event& a, const core::Event& b) { return a.at < b.at; });
  }
  return DetailReply(core::RenderTimeline(c.value(), shown), c.value().id);
}

}  // namespace srcbot::commands
