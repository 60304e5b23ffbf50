// mail, and the mail `ack` and `retro --send` queue (docs/mail.md,
// docs/commands.md). The mail is committed with the case change; the mail
// delivery sends it through the mail guard.
#include "commands/case_change.h"
#include "commands/mail_change.h"
#include "commands/verb_table.h"
#include "core/case_state_machine.h"
#include "core/markup.h"
#include "core/retrospective.h"
#include "core/str_cat.h"
#include "core/utf8.h"

namespace srcbot::commands {
namespace {

core::Status NoThread(core::CaseId id) {
  return core::Status::Conflict(
      core::CaseRef(id) + " did not come by mail: srcbot has no reporter address to write to");
}

// A post to the SRC channel saying what was queued (the event's text).
void PostQueued(core::Change& change, std::string extra = {}) {
  const core::Event& queued = change.events.back();
  change.messages.push_back({core::Audience::kSrcChannel,
                             "",
                             core::Escape(queued.text) + extra,
                             {change.after.id},
                             "",
                             {}});
}

}  // namespace

core::Result<Reply> RunAck(VerbContext& ctx, const Args& args) {
  if (args.positionals.size() > 1) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[1])) +
                                 "\"");
  }
  auto id = CaseArg(args, "ack");
  if (!id.ok()) return id.status();
  auto thread = ThreadToAnswer(ctx, id.value());
  if (!thread.ok()) return thread.status();
  const MailOptions& mail = ctx.options.mail;
  return ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
    auto change = core::ApplyCommand(current, core::AckCommand{}, ctx.actor, ctx.now);
    // SPEC §7: a case that came by mail gets the acknowledgement by mail.
    if (change.ok() && thread.value() && current.via == core::Via::kEmail) {
      core::QueueMail(change.value(),
                      core::AckMail(current, *thread.value(), mail.from, mail.project,
                                    mail.new_message_id(), ctx.now),
                      ctx.actor, ctx.now);
      change.value().messages.back().text +=
          " The acknowledgement is mailed to " + core::Escape(thread.value()->reporter) + ".";
    }
    return change;
  });
}

core::Result<Reply> RunMail(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "mail");
  if (!id.ok()) return id.status();
  if (args.positionals.size() != 2) {
    return core::Status::Invalid("mail needs the case and the text in quotes: mail SRC-7 \"…\"");
  }
  const std::string text = core::PlainText(TokenText(args.positionals[1]));
  if (text.empty()) return core::Status::Invalid("mail needs a text to send");
  if (!CanMail(ctx.options.mail)) return MailNotConfigured();
  auto thread = ThreadToAnswer(ctx, id.value());
  if (!thread.ok()) return thread.status();
  if (!thread.value()) return NoThread(id.value());
  const MailOptions& mail = ctx.options.mail;
  return ChangeCaseWith(
      ctx, id.value(), [&](const core::Case& current) -> core::Result<core::Change> {
        core::Change change{current, {}, {}};
        core::QueueMail(change,
                        core::ReporterMail(current, *thread.value(), mail.from, mail.project, text,
                                           mail.new_message_id(), ctx.now),
                        ctx.actor, ctx.now);
        PostQueued(change, "\n> " + core::Escape(core::CutUtf8(text, 500)));
        return change;
      });
}

// `retro <case> --send`: the retrospective to --retro-list, after release.
core::Result<Reply> SendRetrospective(VerbContext& ctx, core::CaseId id) {
  const MailOptions& mail = ctx.options.mail;
  if (!CanMail(mail)) return MailNotConfigured();
  if (mail.retro_list.empty()) {
    return core::Status::Unavailable("retro --send needs --retro-list (see docs/mail.md)");
  }
  auto events = ctx.store.Timeline(id);
  if (!events.ok()) return events.status();
  return ChangeCaseWith(ctx, id, [&](const core::Case& current) -> core::Result<core::Change> {
    if (current.embargoed || !current.released_at) {
      return core::Status::Conflict("retro --send: " + core::CaseRef(id) +
                                    " is not released; the retrospective goes out after release");
    }
    std::string text = core::PlainText(
        core::RenderRetrospective(current, events.value(), ctx.options.deadlines, ctx.now));
    core::Change change{current, {}, {}};
    core::QueueMail(change,
                    core::RetrospectiveMail(current, mail.from, mail.project, mail.retro_list,
                                            std::move(text), mail.new_message_id(), ctx.now),
                    ctx.actor, ctx.now);
    PostQueued(change);
    return change;
  });
}

}  // namespace srcbot::commands
