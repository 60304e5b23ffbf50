// team, approve, reporter: who works on the fix.
#include "commands/case_change.h"
#include "commands/verb_table.h"
#include "core/markup.h"

namespace srcbot::commands {
namespace {

struct CaseAndUser {
  core::CaseId id;
  core::UserId user;
};

// Reads `<case> <word…> @user` where `user_at` is the position of the user.
core::Result<CaseAndUser> ReadCaseAndUser(const Args& args, size_t user_at, std::string_view verb) {
  if (args.positionals.size() <= user_at) {
    return core::Status::Invalid(std::string(verb) + " needs a case and a user");
  }
  if (args.positionals.size() > user_at + 1) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[user_at + 1])) + "\"");
  }
  auto id = CaseArg(args, verb);
  if (!id.ok()) return id.status();
  auto user = UserParam(args.positionals[user_at]);
  if (!user.ok()) return user.status();
  return CaseAndUser{id.value(), user.value()};
}

}  // namespace

core::Result<Reply> RunTeam(VerbContext& ctx, const Args& args) {
  if (args.positionals.size() < 2) return core::Status::Invalid("team needs a case, add or remove, and a user");
  const std::string action = TokenText(args.positionals[1]);
  if (action != "add" && action != "remove") {
    return core::Status::Invalid("team needs add or remove, got \"" + core::Escape(action) + "\"");
  }
  auto target = ReadCaseAndUser(args, 2, "team");
  if (!target.ok()) return target.status();
  if (action == "remove") {
    if (args.Has("outside") || args.Has("github")) {
      return core::Status::Invalid("team remove takes no --outside or --github");
    }
    return ChangeCase(ctx, target.value().id, core::TeamRemoveCommand{target.value().user});
  }
  auto github = args.flags.find("github");
  core::TeamAddCommand cmd{target.value().user, args.Has("outside"),
                           github == args.flags.end() ? "" : github->second};
  return ChangeCase(ctx, target.value().id, cmd);
}

core::Result<Reply> RunApprove(VerbContext& ctx, const Args& args) {
  auto target = ReadCaseAndUser(args, 1, "approve");
  if (!target.ok()) return target.status();
  return ChangeCase(ctx, target.value().id, core::ApproveCommand{target.value().user});
}

core::Result<Reply> RunReporter(VerbContext& ctx, const Args& args) {
  auto target = ReadCaseAndUser(args, 1, "reporter");
  if (!target.ok()) return target.status();
  if (!args.Has("private-contact")) {
    return core::Status::Invalid(
        "reporter needs --private-contact: only reporters who came through a private channel may "
        "join the fix team");
  }
  auto credit = args.flags.find("credit");
  core::ReporterCommand cmd{target.value().user, true,
                            credit == args.flags.end() ? "" : credit->second};
  return ChangeCase(ctx, target.value().id, cmd);
}

}  // namespace srcbot::commands
