// vote: committee votes — start, ballots, show, confirm (docs/governance.md).
#include <algorithm>
#include <charconv>

#include "commands/case_change.h"
#include "commands/committee_change.h"
#include "commands/verb_table.h"
#include "core/markup.h"
#include "core/vote_changes.h"
#include "core/str_cat.h"

namespace srcbot::commands {
namespace {

constexpr size_t kMaxTopic = 300;

// "3" or "#3" (which Slack and the console read as a channel named 3).
core::Result<core::VoteId> VoteIdArg(const Token& token) {
  const std::string& text = token.value;
  core::VoteId id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  bool ok = (token.kind == TokenKind::kWord || token.kind == TokenKind::kChannel) &&
            ec == std::errc() && end == text.data() + text.size() && id > 0;
  if (!ok) {
    return core::Status::Invalid("not a vote number: \"" + core::Escape(TokenText(token)) +
                                 "\" (like 3)");
  }
  return id;
}

core::Result<core::VoteId> OnlyId(const Args& args, std::string_view what) {
  if (!args.flags.empty()) return core::Status::Invalid(std::string(what) + " takes no flags");
  if (args.positionals.size() != 2) {
    return core::Status::Invalid(std::string(what) + " needs one vote number, like 3");
  }
  return VoteIdArg(args.positionals[1]);
}

core::Result<core::UserId> UserFlag(const Args& args, const std::string& flag) {
  const Token* token = args.FlagToken(flag);
  if (token == nullptr) return core::UserId();
  return UserParam(*token);
}

core::Result<core::VoteRequest> ReadStart(const Args& args) {
  core::VoteRequest r;
  for (size_t i = 1; i < args.positionals.size(); ++i) {
    if (!r.topic.empty()) r.topic += ' ';
    r.topic += TokenText(args.positionals[i]);
  }
  if (r.topic.size() > kMaxTopic) return core::Status::Invalid("the topic is too long");
  if (args.Has("kind")) {
    r.kind = core::ParseVoteKind(args.Value("kind"));
    if (!r.kind) return core::Status::Invalid("--kind must be lazy, majority or super");
  }
  if (args.Has("hours")) {
    const std::string h = args.Value("hours");
    int hours = 0;
    auto [end, ec] = std::from_chars(h.data(), h.data() + h.size(), hours);
    if (ec != std::errc() || end != h.data() + h.size() || hours < 1 || hours > 720) {
      return core::Status::Invalid("--hours must be a whole number from 1 to 720");
    }
    r.window = std::chrono::hours(hours);
  }
  if (args.Has("remove") && args.Has("admit")) {
    return core::Status::Invalid("a vote can --admit or --remove one person, not both");
  }
  auto removed = UserFlag(args, "remove");
  if (!removed.ok()) return removed.status();
  auto admitted = UserFlag(args, "admit");
  if (!admitted.ok()) return admitted.status();
  if (!admitted.value().empty()) {
    r.action = core::VoteAction::kAdmit;
    r.subject = admitted.value();
    r.vendor = args.Value("vendor");
    r.github = args.Value("github");
    if (!r.github.empty() && r.github.front() == '@') r.github.erase(0, 1);
  } else if (!removed.value().empty()) {
    r.action = core::VoteAction::kRemove;
    r.subject = removed.value();
  }
  if (r.action != core::VoteAction::kAdmit && (args.Has("vendor") || args.Has("github"))) {
    return core::Status::Invalid("--vendor and --github go with --admit @user");
  }
  return r;
}

core::Result<Reply> Start(VerbContext& ctx, const Args& args) {
  auto request = ReadStart(args);
  if (!request.ok()) return request.status();
  auto change = ChangeCommittee(ctx.store, ctx.options, [&](const core::Committee& c) {
    return core::StartVote(c, request.value(), ctx.actor, ctx.now);
  });
  if (!change.ok()) return change.status();
  const core::Vote& v = change.value().votes.at(0);
  // The number is the reply wherever it was typed: it is what people vote on.
  Reply reply = CommitteeReply(ctx, change.value());
  if (reply.text.empty()) {
    reply.text = "Started vote #" + std::to_string(v.id) + "; it closes " +
                 core::FormatHuman(v.deadline) + ".";
  }
  return reply;
}

core::Result<Reply> Cast(VerbContext& ctx, const Args& args, core::Choice choice) {
  auto id = OnlyId(args, "vote " + std::string(core::ChoiceName(choice)));
  if (!id.ok()) return id.status();
  auto change = ChangeCommittee(ctx.store, ctx.options, [&](const core::Committee& c) {
    return core::CastBallot(c, id.value(), choice, ctx.actor, ctx.now);
  });
  if (!change.ok()) return change.status();
  return CommitteeReply(ctx, change.value());
}

core::Result<Reply> Confirm(VerbContext& ctx, const Args& args) {
  auto id = OnlyId(args, "vote confirm");
  if (!id.ok()) return id.status();
  auto change = ChangeCommittee(ctx.store, ctx.options, [&](const core::Committee& c) {
    return core::ConfirmVote(c, id.value(), ctx.actor, ctx.now);
  });
  if (!change.ok()) return change.status();
  return CommitteeReply(ctx, change.value());
}

core::Result<Reply> Show(VerbContext& ctx, const Args& args) {
  auto committee = CommitteeOf(ctx.store);
  if (!committee.ok()) return committee.status();
  auto c = committee.value()->LoadCommittee();
  if (!c.ok()) return c.status();
  if (args.positionals.size() == 1 && args.flags.empty()) {
    std::string open;
    for (const core::Vote& v : c.value().votes) {
      if (v.state != core::VoteState::kOpen) continue;
      open += "\n• #" + std::to_string(v.id) + " (" + std::string(core::VoteKindTitle(v.kind)) +
              ", closes " + core::FormatHuman(v.deadline) + "): " + v.topic;
    }
    return Reply{open.empty() ? "No open votes." : "*Open votes*" + open, {}, ""};
  }
  auto id = OnlyId(args, "vote show");
  if (!id.ok()) return id.status();
  const core::Vote* v = c.value().FindVote(id.value());
  if (v == nullptr) return core::Status::NotFound("no vote #" + std::to_string(id.value()));
  return Reply{core::RenderVote(c.value(), *v, ctx.now), {}, ""};
}

}  // namespace

core::Result<Reply> RunVote(VerbContext& ctx, const Args& args) {
  if (args.positionals.empty()) {
    return core::Status::Invalid("vote needs start, yes, no, abstain, show or confirm");
  }
  const std::string action = TokenText(args.positionals[0]);
  if (action == "start") return Start(ctx, args);
  if (action == "show") return Show(ctx, args);
  if (action == "confirm") return Confirm(ctx, args);
  if (auto choice = core::ParseChoice(action)) return Cast(ctx, args, *choice);
  return core::Status::Invalid("vote needs start, yes, no, abstain, show or confirm, got \"" +
                               core::Escape(action) + "\"");
}

}  // namespace srcbot::commands
