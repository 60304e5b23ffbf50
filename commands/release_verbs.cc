// summary, release: the end of the embargo (SPEC §2, §4).

#include "commands/case_change.h"
#include "commands/verb_table.h"
#include "core/markup.h"
#include "core/release.h"

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
  auto reply = ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
    return core::Release(current, cmd, ctx.actor, ctx.now);
  });
  if (!reply.ok()) return reply;
  // Said to the invoker whatever the channel: it names no case detail.
  std::string missing;
  if (ctx.options.general_channel.empty()) missing += " --general-channel";
  if (ctx.options.development_channel.empty()) missing += " --development-channel";
  if (!missing.empty()) {
    std::string note = "Not posted publicly: set" + missing + " (see docs/configuration.md).";
    Reply r = reply.value();
    r.text += (r.text.empty() ? "" : "\n") + note;
    r.fallback += (r.fallback.empty() ? "" : "\n") + note;
    if (r.about.empty()) r.about = {id.value()};
    return r;
  }
  return reply;
}

}  // namespace srcbot::commands
