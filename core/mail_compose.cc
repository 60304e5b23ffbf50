#include "core/mail_compose.h"

#include <cctype>

#include "core/announcement.h"
#include "core/mail_headers.h"
#include "core/mail_reply.h"
#include "core/str_cat.h"

namespace srcbot::core {
namespace {

std::string Signature(std::string_view project) {
  return StrCat({"\n-- \nThe ", project, " Security Response Committee\n"});
}

QueuedMail ToList(CaseId id, MailKind kind, const MailAddress& from, const std::string& list,
                  std::string subject, std::string body, std::string message_id, TimePoint now) {
  QueuedMail q;
  q.case_id = id;
  q.kind = kind;
  q.mail.from = from;
  q.mail.to = {{list, ""}};
  q.mail.subject = std::move(subject);
  q.mail.message_id = std::move(message_id);
  q.mail.date = now;
  q.mail.text_body = std::move(body);
  return q;
}

// The parser sanitises names it reads, but a name reaching a header is
// checked where the header is made, whatever stored it: a CR/LF left in it
// would make the builder refuse the mail, and the ack would never leave.
MailAddress ReporterAddress(const ReporterThread& thread) {
  return {thread.reporter, SanitizeHeaderText(thread.latest.from.display_name)};
}

}  // namespace

QueuedMail AckMail(const Case& c, const ReporterThread& thread, const MailAddress& from,
                   std::string_view project, std::string message_id, TimePoint now) {
  const std::string ref = CaseRef(c.id);
  std::string body =
      StrCat({"Hello,\n\nthank you for your report to the ", project,
              " Security Response Committee. We have recorded it as ", ref,
              " and acknowledged it.\n\nWhat happens next:\n"
              "- We assess it: can it be replicated, which code and versions are affected.\n"
              "- If it is a vulnerability, a fix team is formed within 24 hours of your report,\n"
              "  a fix is ready within 7 days, and a fix release follows within 21 days.\n"
              "- The details stay private until the fix is released; please keep them\n"
              "  private too. Tell us if you intend to publish before then.\n\n"
              "Reply to this mail, or keep [",
              ref, "] in the subject, to write to us about it.\n", Signature(project)});
  QueuedMail q{c.id, MailKind::kAck,
               MakeReply(thread.latest, c.id, from, std::move(message_id), now, std::move(body))};
  q.mail.to = {ReporterAddress(thread)};
  q.mail.auto_replied = true;
  return q;
}

QueuedMail ReporterMail(const Case& c, const ReporterThread& thread, const MailAddress& from,
                        std::string_view project, std::string_view text, std::string message_id,
                        TimePoint now) {
  std::string body = StrCat({text, "\n", Signature(project)});
  QueuedMail q{c.id, MailKind::kCorrespondence,
               MakeReply(thread.latest, c.id, from, std::move(message_id), now, std::move(body))};
  q.mail.to = {ReporterAddress(thread)};
  return q;
}

Result<QueuedMail> AnnouncementMail(const Case& released, const MailAddress& from,
                                    const std::string& list, std::string message_id,
                                    TimePoint now) {
  Announcement a = RenderAnnouncement(released, "");
  if (!a.missing.empty()) {
    std::string what;
    for (const std::string& m : a.missing) what += (what.empty() ? "" : "; ") + m;
    return Status::Conflict("the announcement lacks " + what);
  }
  // The rendered text starts with its own "Subject:" line, for pasting.
  std::string body = a.body;
  if (body.starts_with("Subject: ")) body.erase(0, body.find("\n\n") + 2);
  return ToList(released.id, MailKind::kAnnouncement, from, list, a.subject, std::move(body),
                std::move(message_id), now);
}

QueuedMail RetrospectiveMail(const Case& c, const MailAddress& from, std::string_view project,
                             const std::string& list, std::string plain_text,
                             std::string message_id, TimePoint now) {
  std::string subject = StrCat({"[", CaseRef(c.id), "] Retrospective"});
  return ToList(c.id, MailKind::kRetrospective, from, list, std::move(subject),
                StrCat({plain_text, "\n", Signature(project)}), std::move(message_id), now);
}

void QueueMail(Change& change, QueuedMail mail, const Actor& actor, TimePoint now) {
  std::string to;
  for (const MailAddress& a : mail.mail.to) to += (to.empty() ? "" : ", ") + a.address;
  std::string text =
      StrCat({"Mail queued for ", CaseRef(change.after.id), ": ", MailKindName(mail.kind), " to ",
              to, " (Message-ID ", mail.mail.message_id, ")"});
  change.events.push_back({change.after.id, now, actor.user, actor.channel, "mail-queued", text});
  change.mails.push_back(std::move(mail));
}

std::string ArchiveLink(std::string_view pattern, std::string_view message_id) {
  constexpr std::string_view kPlaceholder = "{message_id}";
  std::size_t at = pattern.find(kPlaceholder);
  if (at == std::string_view::npos) return "";
  std::string encoded;
  constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char ch : message_id) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 0xF];
    }
  }
  return StrCat({pattern.substr(0, at), encoded, pattern.substr(at + kPlaceholder.size())});
}

}  // namespace srcbot::core
