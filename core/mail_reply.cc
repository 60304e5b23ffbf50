#include "core/mail_reply.h"

#include <cctype>

#include "core/mail_headers.h"
#include "core/str_cat.h"
#include "core/utf8.h"

namespace srcbot::core {

namespace {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

// The subject with its leading "Re:"s and `[SRC-id]` tags taken off, in any mix.
std::string_view StripReplyPrefixes(std::string_view subject, CaseId id) {
  std::string tag = StrCat({"[src-", std::to_string(id), "]"});
  for (;;) {
    subject = TrimLeft(subject);
    if (StartsWithNoCase(subject, "re:")) {
      subject.remove_prefix(3);
    } else if (StartsWithNoCase(subject, tag)) {
      subject.remove_prefix(tag.size());
    } else {
      return subject;
    }
  }
}

std::string Tagged(std::string_view prefix, CaseId id, std::string_view text) {
  std::string clean = SanitizeHeaderText(text);
  std::string_view cut = CutUtf8(clean, kMaxSubjectText);
  // Mail about no case (a key reply to a bare request) carries no tag.
  if (id == 0) return StrCat({prefix, cut.empty() ? std::string_view("(no subject)") : cut});
  if (cut.empty()) return StrCat({prefix, "[", CaseRef(id), "]"});
  return StrCat({prefix, "[", CaseRef(id), "] ", cut});
}

}  // namespace

std::string CaseSubject(CaseId id, std::string_view title) { return Tagged("", id, title); }

std::string ReplySubject(CaseId id, std::string_view subject) {
  // Sanitised first, so a line break cannot hide a prefix from the stripping.
  std::string clean = SanitizeHeaderText(subject);
  return Tagged("Re: ", id, StripReplyPrefixes(clean, id));
}

Result<std::string> MakeMessageId(std::span<const std::uint8_t> random,
                                  std::string_view from_address) {
  if (random.size() < 16) return Status::Invalid("Message-ID: fewer than 16 random bytes");
  if (!IsValidMailAddress(from_address)) return Status::Invalid("Message-ID: From is not valid");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(random.size() * 2);
  for (std::uint8_t b : random) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0x0f]);
  }
  std::string_view domain = from_address.substr(from_address.find('@') + 1);
  return StrCat({"srcbot.", hex, "@", domain});
}

std::vector<std::string> ReplyReferences(const InboundMail& parent) {
  std::vector<std::string> chain;
  if (!parent.references.empty()) {
    chain = parent.references;
  } else if (!parent.in_reply_to.empty()) {
    chain.push_back(parent.in_reply_to);
  }
  chain.push_back(parent.message_id);
  std::vector<std::string> valid;
  for (std::string& id : chain) {
    if (IsValidMessageId(id)) valid.push_back(std::move(id));
  }
  if (valid.size() <= kMaxReferences) return valid;
  std::vector<std::string> kept;
  kept.push_back(valid.front());
  kept.insert(kept.end(), valid.end() - (kMaxReferences - 1), valid.end());
  return kept;
}

OutgoingMail MakeReply(const InboundMail& parent, CaseId id, const MailAddress& from,
                       std::string message_id, TimePoint date, std::string text_body) {
  OutgoingMail mail;
  mail.from = from;
  mail.to.push_back(parent.from);
  mail.subject = ReplySubject(id, parent.subject);
  mail.message_id = std::move(message_id);
  if (IsValidMessageId(parent.message_id)) mail.in_reply_to = parent.message_id;
  mail.references = ReplyReferences(parent);
  mail.date = date;
  mail.text_body = std::move(text_body);
  return mail;
}

}  // namespace srcbot::core
