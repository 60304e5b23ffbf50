#include "core/key_reply.h"

#include "core/mail_compose.h"
#include "core/mail_intake.h"
#include "core/mail_pgp.h"
#include "core/mail_reply.h"
#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::core {
namespace {

// Why a request got no key, for people: the once-a-day rule and when.
std::string NotSent(const KeyRequest& request) {
  return StrCat({"not sent again: it went to them ", FormatHuman(*request.last_sent),
                 " (at most once a day per sender)"});
}

std::string Sent(const KeyRequest& request) {
  return StrCat({"sent, signed (Message-ID ", Escape(request.reply->mail.message_id), ")"});
}

}  // namespace

std::string KeyRequestSender(const MailAddress& from) {
  std::string out = from.address;
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

QueuedMail KeyReplyMail(const InboundMail& request, CaseId case_id, const MailAddress& from,
                        std::string_view project, const SrcKey& key, std::string message_id,
                        TimePoint now) {
  std::string body = StrCat({"Hello,\n\n", KeyReplyText(key.fingerprint), "\n-- \nThe ", project,
                             " Security Response Committee\n"});
  QueuedMail q{case_id, MailKind::kKeyReply,
               MakeReply(request, case_id, from, std::move(message_id), now, std::move(body))};
  q.mail.to = {request.from};
  q.mail.auto_replied = true;
  MailAttachment a;
  a.name = std::string(kKeyAttachmentName);
  a.content_type = "application/pgp-keys";
  a.size = key.armored.size();
  a.content_kept = true;
  a.content = key.armored;
  q.mail.attachments.push_back(std::move(a));
  return q;
}

void AnswerInCase(Change& opened, const KeyRequest& request, TimePoint now) {
  const std::string note = StrCat({"\n• they asked for the SRC's OpenPGP key: ",
                                   request.reply ? Sent(request) : NotSent(request)});
  if (!opened.events.empty()) opened.events.front().text += note;
  if (!opened.messages.empty()) opened.messages.front().text += note;
  if (request.reply) {
    QueueMail(opened, *request.reply, Actor{"", true, ""}, now);
  } else if (request.last_sent) {
    opened.events.push_back(
        {opened.after.id, now, "", "", "key-request",
         StrCat({"The sender asked for the SRC's OpenPGP key; ", NotSent(request), "."})});
  }
}

Change BareKeyRequest(const InboundMail& mail, const KeyRequest& request) {
  const std::string id = mail.message_id.empty()
                             ? std::string(" (no Message-ID)")
                             : StrCat({" (Message-ID ", Escape(mail.message_id), ")"});
  std::string text;
  if (request.reply) {
    text = StrCat(
        {"Sent the SRC's OpenPGP key to ", DescribeSender(mail.from), ", who asked for it", id,
         ": ", Sent(request), ". Not a case: the mail asks for the key and holds nothing else.",
         QuoteBody(mail.text_body), "\nTheir report, when it comes, opens a case as usual."});
  } else {
    text = StrCat({DescribeSender(mail.from), " asked for the SRC's OpenPGP key again", id, ": ",
                   NotSent(request), ". Recorded; not a case.", QuoteBody(mail.text_body)});
  }
  Change change{Case{}, {}, {}, {}};
  change.after.id = 0;
  change.messages.push_back({Audience::kSrcChannel, "", text, {}, "", {}});
  if (request.reply) change.mails.push_back(*request.reply);
  return change;
}

std::string KeyRequestNote(std::optional<TimePoint> last_sent, const std::string& reply_id) {
  if (!reply_id.empty()) {
    return StrCat({"asked for the SRC's OpenPGP key: sent (Message-ID ", reply_id, ")"});
  }
  return StrCat({"asked for the SRC's OpenPGP key: not sent, it went to them ",
                 last_sent ? FormatHuman(*last_sent) : std::string("before"),
                 " (at most once a day per sender)"});
}

}  // namespace srcbot::core
