#include "core/mail_intake.h"

#include <algorithm>

#include "core/case_state_machine.h"
#include "core/mail_headers.h"
#include "core/markup.h"
#include "core/str_cat.h"
#include "core/utf8.h"

namespace srcbot::core {
namespace {

std::string Title(const InboundMail& mail) {
  std::string title = SanitizeHeaderText(mail.subject);
  return title.empty() ? std::string("(no subject)") : title;
}

std::string Attachments(const InboundMail& mail) {
  std::string out;
  for (const MailAttachment& a : mail.attachments) {
    out += StrCat({"\n• attachment ", Escape(a.name.empty() ? "(unnamed)" : a.name), " (",
                   Escape(a.content_type), ", ", std::to_string(a.size), " bytes, sha256 ",
                   a.sha256_hex.substr(0, 16), "…",
                   a.content_kept ? "" : ", not kept: over the limit", ")"});
  }
  if (mail.received_encrypted) out += "\n• received encrypted (OpenPGP), decrypted here";
  for (const std::string& p : mail.problems) out += StrCat({"\n• note: ", Escape(p)});
  return out;
}

std::string IdNote(const InboundMail& mail) {
  return mail.message_id.empty() ? std::string(" (no Message-ID)")
                                 : StrCat({" (Message-ID ", Escape(mail.message_id), ")"});
}

Change BotChange(const Case& current, std::string kind, const std::string& text, TimePoint now,
                 bool post) {
  Change change{current, {}, {}, {}};
  change.events.push_back({current.id, now, "", "", std::move(kind), text});
  if (post) change.messages.push_back({Audience::kSrcChannel, "", text, {current.id}, "", {}});
  return change;
}

}  // namespace

TimePoint ReceivedTime(const InboundMail& mail, TimePoint seen) {
  if (mail.date && *mail.date <= seen && *mail.date >= seen - std::chrono::hours(24 * 7)) {
    return *mail.date;
  }
  return seen;
}

std::string QuoteBody(const std::string& body) {
  std::string_view cut = CutUtf8(body, kMailExcerptBytes);
  std::string out;
  std::size_t start = 0;
  while (start < cut.size()) {
    std::size_t end = cut.find('\n', start);
    if (end == std::string_view::npos) end = cut.size();
    std::string_view line = cut.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += StrCat({"\n> ", Escape(line)});
    start = end + 1;
  }
  if (cut.size() < body.size()) out += "\n> …";
  return out;
}

std::string DescribeSender(const MailAddress& from) {
  std::string address = from.address.empty() ? std::string("(no address)") : from.address;
  if (from.display_name.empty()) return Escape(address);
  return StrCat({Escape(SanitizeHeaderText(from.display_name)), " &lt;", Escape(address), "&gt;"});
}

Result<Change> OpenFromMail(CaseId id, const InboundMail& mail, TimePoint arrival, TimePoint now) {
  ReportCommand cmd;
  cmd.title = Title(mail);
  cmd.received = std::min(arrival, now);
  cmd.reporter = mail.from.address;
  cmd.via = Via::kEmail;
  Actor bot{"", true, ""};
  Result<Change> opened = OpenCase(id, cmd, bot, now);
  if (!opened.ok()) return opened;
  Change change = std::move(opened).value();
  std::string text =
      StrCat({"New report ", CaseRef(id), " by email from ", DescribeSender(mail.from), ": ",
              Escape(change.after.title), ", received ", FormatHuman(change.after.received_at),
              IdNote(mail), ".", QuoteBody(mail.text_body), Attachments(mail),
              "\nAcknowledge it: /src ack ", CaseRef(id)});
  change.events.back().text = text;
  change.messages.back().text = text;
  return change;
}

Change AppendMail(const Case& current, const InboundMail& mail, const InboundDecision& decision,
                  TimePoint now) {
  std::string text =
      StrCat({"Mail on ", CaseRef(current.id), " from ", DescribeSender(mail.from), ": ",
              Escape(Title(mail)), IdNote(mail), "; ", Escape(decision.reason), ".",
              QuoteBody(mail.text_body), Attachments(mail), "\nAnswer in the thread: /src mail ",
              CaseRef(current.id), " \"<text>\""});
  return BotChange(current, "mail-received", text, now, true);
}

Change RecordAutomaticMail(const Case& current, const InboundMail& mail, TimePoint now) {
  std::string text =
      StrCat({"Automatic mail on ", CaseRef(current.id), " from ", DescribeSender(mail.from), ": ",
              Escape(Title(mail)), IdNote(mail), "; recorded, not answered."});
  return BotChange(current, "mail-recorded", text, now, false);
}

std::string UnreadableMailPost(std::string_view folder, std::string_view why) {
  return StrCat({"A message in the SRC mailbox could not be read (", Escape(why),
                 "). It is kept in the folder ", Escape(folder),
                 "; nothing of it was recorded. Look at it in a mail client."});
}

}  // namespace srcbot::core
