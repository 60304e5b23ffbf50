#include "commands/mail_change.h"

#include "core/markup.h"

namespace srcbot::commands {

bool CanMail(const MailOptions& mail) {
  return mail.store != nullptr && !mail.from.address.empty() && mail.new_message_id;
}

core::Status MailNotConfigured() {
  return core::Status::Unavailable(
      "mail is not configured: set --mail-smtp-url and --mail-from (see docs/mail.md)");
}

core::Result<std::optional<core::ReporterThread>> ThreadToAnswer(const VerbContext& ctx,
                                                                 core::CaseId id) {
  if (!CanMail(ctx.options.mail)) return std::optional<core::ReporterThread>();
  return ctx.options.mail.store->Thread(id);
}

void AddAnnouncementMail(const VerbContext& ctx, core::Change& change) {
  const MailOptions& mail = ctx.options.mail;
  if (!CanMail(mail) || mail.announce_list.empty()) return;
  const std::string message_id = mail.new_message_id();
  auto queued =
      core::AnnouncementMail(change.after, mail.from, mail.announce_list, message_id, ctx.now);
  if (!queued.ok()) {
    const std::string note = " The announcement was not mailed to " +
                             core::Escape(mail.announce_list) + ": " +
                             core::Escape(queued.status().message()) + ".";
    for (core::Message& m : change.messages) {
      if (!m.release_of) m.text += note;
    }
    if (!change.events.empty()) change.events.back().text += note;
    return;
  }
  if (!mail.archive_pattern.empty() && change.after.announcement_url.empty()) {
    change.after.announcement_url = core::ArchiveLink(mail.archive_pattern, message_id);
  }
  core::QueueMail(change, std::move(queued).value(), ctx.actor, ctx.now);
}

}  // namespace srcbot::commands
