// release-day, summary, announce, release, retro, link: the end of the
// embargo (SPEC §2, §4).

#include "commands/case_change.h"
#include "commands/release_checks.h"
#include "commands/mail_change.h"
#include "commands/verb_table.h"
#include "core/announcement.h"
#include "core/case_text.h"
#include "core/markup.h"
#include "core/release.h"
#include "core/release_day.h"
#include "core/retrospective.h"

namespace srcbot::commands {
namespace {

// The link a flag holds (escaped <https://…> or a quoted URL), or "" when the
// flag was not given.
core::Result<std::string> LinkFlag(const Args& args, std::string_view flag) {
  const Token* token = args.FlagToken(flag);
  if (token == nullptr) return std::string();
  auto url = LinkArg(*token);
  if (!url.ok()) return core::Status::Invalid("--" + std::string(flag) + ": " + core::Escape(url.status().message()));
  return url;
}

std::string FlagText(const Args& args, const std::string& name) {
  auto it = args.flags.find(name);
  return it == args.flags.end() ? std::string() : it->second;
}

}  // namespace

core::Result<Reply> RunSummary(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "summary");
  if (!id.ok()) return id.status();
  if (args.positionals.size() != 2) {
    return core::Status::Invalid("summary needs the case and the text in quotes: summary SRC-7 \"…\"");
  }
  core::SummaryCommand cmd{TokenText(args.positionals[1])};
  return ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
    return core::SetSummary(current, cmd, ctx.actor, ctx.now);
  });
}

core::Result<Reply> RunRelease(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "release");
  if (!id.ok()) return id.status();
  if (args.positionals.size() > 1) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[1])) + "\"");
  }
  auto release_url = LinkFlag(args, "release-url");
  if (!release_url.ok()) return release_url.status();
  auto announcement_url = LinkFlag(args, "announcement-url");
  if (!announcement_url.ok()) return announcement_url.status();
  core::ReleaseCommand cmd{FlagText(args, "version"), release_url.value(), announcement_url.value()};
  // Everything the release itself checks comes first, so the gate asks
  // GitHub only about a release that could otherwise go ahead.
  auto loaded = ctx.store.Load(id.value());
  if (!loaded.ok()) return loaded.status();
  if (auto dry = core::Release(loaded.value(), cmd, ctx.actor, ctx.now); !dry.ok()) return dry.status();
  auto gate = CheckReleaseGate(ctx, loaded.value(), cmd.version, args);
  if (!gate.ok()) return gate.status();
  auto timeline = ctx.store.Timeline(id.value());
  if (!timeline.ok()) return timeline.status();
  AttachedRecords records;
  auto reply = ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
    auto change = core::Release(current, cmd, ctx.actor, ctx.now);
    if (!change.ok()) return change;
    core::Change c = std::move(change).value();
    c.events.insert(c.events.begin(), {current.id, ctx.now, ctx.actor.user, ctx.actor.channel,
                                       "release-gate", gate.value()});
    // An override, or a release no gate looked at, is news for the whole
    // SRC, not only for who typed it.
    if (gate.value().starts_with(kGateOverridden) || gate.value().starts_with(kGateNotChecked)) {
      c.messages.push_back({core::Audience::kSrcChannel, "", gate.value(), {current.id}, "", {}});
    }
    AddAnnouncementMail(ctx, c);
    records = AttachRecords(ctx, c, timeline.value());
    return core::Result<core::Change>(std::move(c));
  });
  if (!reply.ok()) return reply;
  Reply r = WithNote(reply.value(), gate.value(), id.value(), false);
  if (gate.value().starts_with(kGateNotChecked)) {
    // Said where details may not go too, without the version: the guard
    // keeps even public fields to the release posts there.
    if (!r.fallback.empty()) r.fallback += '\n';
    r.fallback += std::string(kGateNotChecked) + ": GitHub is not configured (--github-token).";
  }
  r = WithNote(r, records.note, id.value(), false);
  if (!ctx.options.osv_dir.empty() && !records.osv_id.empty() && ctx.options.records != nullptr) {
    core::Status written =
        ctx.options.records->WriteOsvFile(ctx.options.osv_dir, records.osv_id, records.osv_json);
    r = WithNote(r, written.ok() ? "OSV record written to " + ctx.options.osv_dir + "/" + records.osv_id + ".json."
                                 : "The OSV record was NOT written to --osv-dir: " + written.message(),
                 id.value(), false);
  }
  // Said to the invoker whatever the channel: it names no case detail.
  std::string missing;
  if (ctx.options.general_channel.empty()) missing += " --general-channel";
  if (ctx.options.development_channel.empty()) missing += " --development-channel";
  if (!missing.empty()) {
    r = WithNote(r, "Not posted publicly: set" + missing + " (see docs/configuration.md).", id.value(), true);
  }
  return r;
}

namespace {

core::Result<core::Case> LoadForSrc(VerbContext& ctx, core::CaseId id) {
  if (!ctx.actor.src_member) return core::Status::Denied("only SRC members can do that");
  return ctx.store.Load(id);
}

std::optional<core::TimePoint> ReleaseDeadline(const core::Case& c, const core::DeadlinePolicy& p) {
  for (const core::Deadline& d : core::Deadlines(c, p)) {
    if (d.kind == core::DeadlineKind::kRelease) return d.due;
  }
  return std::nullopt;
}

}  // namespace

core::Result<Reply> RunReleaseDay(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "release-day");
  if (!id.ok()) return id.status();
  if (args.positionals.size() > 2) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[2])) + "\"");
  }
  auto c = LoadForSrc(ctx, id.value());
  if (!c.ok()) return c.status();
  const core::ReleaseDayPolicy& policy = ctx.options.release_days;
  core::SlotProposal proposal =
      core::ProposeReleaseSlot(ctx.now, policy, ReleaseDeadline(c.value(), ctx.options.deadlines));
  core::ReleaseDayCommand cmd{std::nullopt, args.Has("force"), FlagText(args, "reason")};
  if (args.positionals.size() == 2) {
    std::string day = TokenText(args.positionals[1]);
    // "next" takes the proposed slot.
    cmd.day = day == "next" ? std::optional(std::chrono::year_month_day(
                                  std::chrono::floor<std::chrono::days>(proposal.slot)))
                            : core::ParseIsoDate(day);
    if (!cmd.day) return core::Status::Invalid("release-day takes a date like 2026-12-01, or next");
    return ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
      return core::SetReleaseDay(current, cmd, ctx.actor, ctx.now, policy);
    });
  }
  const std::string ref = core::CaseRef(id.value());
  std::string text = "Next release slot for " + ref + ": " + core::FormatHuman(proposal.slot) +
                     " (Monday to Thursday, " + std::to_string(policy.hour_utc) +
                     ":00 UTC, no holidays, at least a day ahead).";
  if (proposal.deadline) {
    text += proposal.within_deadline
                ? " Within the release deadline (" + core::FormatHuman(*proposal.deadline) + ")."
                : " That is after the release deadline (" + core::FormatHuman(*proposal.deadline) +
                      "): no recommended slot meets it.";
  }
  text += " To set it: /src release-day " + ref + " next";
  // The slot names nothing about the case; the deadline is a detail.
  return Reply{text, {id.value()}, "Next release slot: " + core::FormatHuman(proposal.slot) + "."};
}

core::Result<Reply> RunAnnounce(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "announce");
  if (!id.ok()) return id.status();
  if (args.positionals.size() > 1) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[1])) + "\"");
  }
  auto c = LoadForSrc(ctx, id.value());
  if (!c.ok()) return c.status();
  core::Announcement a = core::RenderAnnouncement(c.value(), FlagText(args, "version"));
  std::string text = "Announcement for " + core::CaseRef(id.value()) +
                     " (under embargo until the release; paste into your mail client):\n";
  if (!a.missing.empty()) {
    text += "*Missing:*";
    for (const std::string& m : a.missing) text += "\n• " + core::Escape(m);
    text += "\n";
  }
  text += "```\n" + core::Escape(a.body) + "```";
  return Reply{text, {id.value()}, ""};
}

core::Result<Reply> RunRetro(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "retro");
  if (!id.ok()) return id.status();
  if (args.positionals.size() > 1) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[1])) + "\"");
  }
  if (args.Has("done") && args.Has("send")) {
    return core::Status::Invalid("retro takes --done or --send, not both");
  }
  if (args.Has("send")) return SendRetrospective(ctx, id.value());
  if (args.Has("done")) {
    return ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
      return core::FinishRetrospective(current, ctx.actor, ctx.now);
    });
  }
  auto c = LoadForSrc(ctx, id.value());
  if (!c.ok()) return c.status();
  auto events = ctx.store.Timeline(id.value());
  if (!events.ok()) return events.status();
  return Reply{core::RenderRetrospective(c.value(), events.value(), ctx.options.deadlines, ctx.now),
               {id.value()}, ""};
}

core::Result<Reply> RunLink(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "link");
  if (!id.ok()) return id.status();
  if (args.positionals.size() < 2 || args.positionals.size() > 3) {
    return core::Status::Invalid("link needs the case and a URL, and may take a label in quotes");
  }
  auto url = LinkArg(args.positionals[1]);
  if (!url.ok()) return core::Status::Invalid(core::Escape(url.status().message()));
  core::LinkCommand cmd{url.value(),
                        args.positionals.size() == 3 ? TokenText(args.positionals[2]) : "",
                        args.Has("announcement")};
  return ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
    return core::AddLink(current, cmd, ctx.actor, ctx.now);
  });
}

}  // namespace srcbot::commands
