// report, ack, lead, triage, fixed, slow, public, going-public, close.
#include "commands/case_change.h"
#include "commands/reminder_tick.h"
#include "commands/verb_table.h"
#include "core/case_state_machine.h"
#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::commands {
namespace {

// `positionals` counts the case itself; extra words are an error, so a typo
// such as `ack 3 4` does not silently act on SRC-3.
core::Status ExpectPositionals(const Args& args, size_t count, std::string_view verb) {
  if (args.positionals.size() < count) {
    return core::Status::Invalid(std::string(verb) + " needs more arguments");
  }
  if (args.positionals.size() > count) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[count])) + "\"");
  }
  return core::Status::Ok();
}

core::Status CheckRepo(const std::string& repo) {
  auto slash = repo.find('/');
  if (repo.empty() || slash == std::string::npos || slash == 0 || slash + 1 == repo.size() ||
      repo.find('/', slash + 1) != std::string::npos || repo.find(' ') != std::string::npos) {
    return core::Status::Invalid("--repo must look like owner/name, got \"" + core::Escape(repo) + "\"");
  }
  return core::Status::Ok();
}

std::string Flag(const Args& args, const std::string& name) {
  auto it = args.flags.find(name);
  return it == args.flags.end() ? std::string() : it->second;
}

// Runs a command that takes only the case.
core::Result<Reply> Simple(VerbContext& ctx, const Args& args, std::string_view verb,
                           const core::Command& command) {
  if (auto st = ExpectPositionals(args, 1, verb); !st.ok()) return st;
  auto id = CaseArg(args, verb);
  if (!id.ok()) return id.status();
  return ChangeCase(ctx, id.value(), command);
}

}  // namespace

core::Result<Reply> RunReport(VerbContext& ctx, const Args& args) {
  core::ReportCommand report;
  for (const Token& t : args.positionals) {
    if (!report.title.empty()) report.title += ' ';
    report.title += TokenText(t);
  }
  if (report.title.empty()) {
    return core::Status::Invalid("report needs a title (in Slack, /src report alone opens a form)");
  }
  report.repo = Flag(args, "repo");
  if (args.Has("repo")) {
    if (auto st = CheckRepo(report.repo); !st.ok()) return st;
  }
  if (args.Has("received")) {
    report.received = core::ParseIsoTime(Flag(args, "received"));
    if (!report.received) {
      return core::Status::Invalid("--received must be an ISO-8601 time like 2026-11-20T09:30Z");
    }
  }
  report.reporter = Flag(args, "reporter");
  if (args.Has("via")) {
    auto via = core::ParseVia(Flag(args, "via"));
    if (!via) return core::Status::Invalid("--via must be email, private or public");
    report.via = *via;
  }
  // Every new report pings the on-call, who leads it by default (SPEC §5).
  const core::UserId on_call = OnCallAt(ctx.store, ctx.now);
  auto result = ctx.store.Create([&](core::CaseId id) -> core::Result<core::Change> {
    auto change = core::OpenCase(id, report, ctx.actor, ctx.now);
    if (change.ok()) core::LeadByOnCall(change.value(), on_call, ctx.now);
    if (change.ok()) AddressMessages(change.value(), ctx.options);
    return change;
  });
  if (!result.ok()) return result.status();
  core::CaseId id = result.value().after.id;
  Reply reply = ChangeReply(ctx, result.value(), id);
  reply.fallback = "Recorded as " + core::CaseRef(id) +
                   ". Its details are only shown in the SRC's private channel.";
  return reply;
}

core::Result<Reply> RunFixed(VerbContext& ctx, const Args& args) {
  return Simple(ctx, args, "fixed", core::FixedCommand{});
}

core::Result<Reply> RunPublic(VerbContext& ctx, const Args& args) {
  return Simple(ctx, args, "public", core::PublicCommand{});
}

core::Result<Reply> RunLead(VerbContext& ctx, const Args& args) {
  if (auto st = ExpectPositionals(args, 2, "lead"); !st.ok()) return st;
  auto user = UserParam(args.positionals[1]);
  if (!user.ok()) return user.status();
  auto id = CaseArg(args, "lead");
  if (!id.ok()) return id.status();
  return ChangeCase(ctx, id.value(), core::LeadCommand{user.value()});
}

core::Result<Reply> RunTriage(VerbContext& ctx, const Args& args) {
  std::string replicated = Flag(args, "replicated");
  if (replicated != "yes" && replicated != "no") {
    return core::Status::Invalid("triage needs --replicated yes or --replicated no");
  }
  core::TriageCommand cmd{replicated == "yes", Flag(args, "repo"), Flag(args, "affected"),
                          Flag(args, "upstream")};
  if (args.Has("repo")) {
    if (auto st = CheckRepo(cmd.repo); !st.ok()) return st;
  }
  return Simple(ctx, args, "triage", cmd);
}

core::Result<Reply> RunSlow(VerbContext& ctx, const Args& args) {
  if (Flag(args, "reason").empty()) return core::Status::Invalid("slow needs --reason \"<text>\"");
  return Simple(ctx, args, "slow", core::SlowCommand{Flag(args, "reason")});
}

core::Result<Reply> RunGoingPublic(VerbContext& ctx, const Args& args) {
  if (args.Has("accepted") == args.Has("refused")) {
    return core::Status::Invalid("going-public needs exactly one of --accepted or --refused");
  }
  return Simple(ctx, args, "going-public", core::GoingPublicCommand{args.Has("accepted")});
}

core::Result<Reply> RunClose(VerbContext& ctx, const Args& args) {
  auto resolution = core::ParseResolution(Flag(args, "reason"));
  if (!resolution) {
    return core::Status::Invalid("close needs --reason fixed|not-a-vuln|duplicate|upstream|withdrawn");
  }
  return Simple(ctx, args, "close", core::CloseCommand{*resolution});
}

}  // namespace srcbot::commands
