#include "commands/case_change.h"

#include "core/case_state_machine.h"
#include "core/markup.h"

namespace srcbot::commands {

core::Result<core::CaseId> CaseArg(const Args& args, std::string_view what) {
  if (args.positionals.empty()) {
    return core::Status::Invalid(std::string(what) + " needs a case, like SRC-7");
  }
  auto id = CaseRefArg(args.positionals.front());
  if (!id.ok()) return core::Status(id.status().code(), core::Escape(id.status().message()));
  return id;
}

core::Result<core::UserId> UserParam(const Token& token) {
  auto user = UserArg(token);
  if (!user.ok()) return core::Status(user.status().code(), core::Escape(user.status().message()));
  return user;
}

void AddressMessages(core::Change& change, const ServiceOptions& options) {
  auto configured = [&options](core::Audience a) -> const std::string* {
    switch (a) {
      case core::Audience::kSrcChannel: return &options.src_channel;
      case core::Audience::kGeneralChannel: return &options.general_channel;
      case core::Audience::kDevelopmentChannel: return &options.development_channel;
      default: return nullptr;
    }
  };
  // A public channel that is not configured gets nothing (the release reply says so).
  std::erase_if(change.messages, [&](const core::Message& m) {
    const std::string* channel = configured(m.audience);
    return channel != nullptr && channel->empty() && m.audience != core::Audience::kSrcChannel;
  });
  for (core::Message& m : change.messages) {
    if (const std::string* channel = configured(m.audience)) {
      m.audience = core::Audience::kChannel;
      m.target = *channel;
    }
  }
}

Reply ChangeReply(const VerbContext& ctx, const core::Change& change, core::CaseId id) {
  std::string ref = core::CaseRef(id);
  std::string fallback = "Done: " + ref +
                         " is updated. Its details are only shown in the SRC's private channel.";
  if (ctx.actor.channel == ctx.options.src_channel) return Reply{};
  std::string text;
  for (const core::Message& m : change.messages) text += (text.empty() ? "" : "\n") + m.text;
  return Reply{text, {id}, fallback};
}

core::Result<Reply> ChangeCase(VerbContext& ctx, core::CaseId id, const core::Command& command) {
  return ChangeCaseWith(ctx, id, [&](const core::Case& current) {
    return core::ApplyCommand(current, command, ctx.actor, ctx.now);
  });
}

core::Result<Reply> ChangeCaseWith(VerbContext& ctx, core::CaseId id, const Rule& rule) {
  auto result = ctx.store.Update(id, [&](const core::Case& current) -> core::Result<core::Change> {
    auto change = rule(current);
    if (change.ok()) AddressMessages(change.value(), ctx.options);
    return change;
  });
  if (!result.ok()) return result.status();
  return ChangeReply(ctx, result.value(), id);
}

}  // namespace srcbot::commands
