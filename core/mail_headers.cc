#include "core/mail_headers.h"

#include "core/str_cat.h"
#include "core/utf8.h"

namespace srcbot::core {

namespace {

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

Status CheckAddress(const MailAddress& a, std::string_view field) {
  if (!IsValidMailAddress(a.address)) {
    return Status::Invalid(StrCat({"mail ", field, ": not a plain e-mail address"}));
  }
  if (!IsHeaderSafe(a.display_name)) {
    return Status::Invalid(StrCat({"mail ", field, ": the name holds a line break or NUL"}));
  }
  if (!IsValidUtf8(a.display_name)) {
    return Status::Invalid(StrCat({"mail ", field, ": the name is not valid UTF-8"}));
  }
  return Status::Ok();
}

}  // namespace

bool IsHeaderSafe(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string SanitizeHeaderText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (IsControl(c) || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

bool IsValidMailAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char ch : address) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (IsControl(c) || c == ' ') return false;
    if (std::string_view("<>()[],;:\"\\").find(ch) != std::string_view::npos) return false;
  }
  return true;
}

bool IsValidMessageId(std::string_view id) {
  if (id.empty() || id.size() > 250) return false;
  std::size_t at = id.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == id.size()) return false;
  if (id.find('@', at + 1) != std::string_view::npos) return false;
  for (char ch : id) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || ch == '<' || ch == '>') return false;
  }
  return true;
}

Status CheckOutgoingHeaders(const OutgoingMail& mail) {
  if (!IsHeaderSafe(mail.subject)) {
    return Status::Invalid("mail Subject: holds a line break or NUL");
  }
  if (!IsValidUtf8(mail.subject)) return Status::Invalid("mail Subject: not valid UTF-8");
  if (Status s = CheckAddress(mail.from, "From"); !s.ok()) return s;
  if (mail.to.empty() && mail.cc.empty()) return Status::Invalid("mail: no recipient");
  for (const MailAddress& a : mail.to) {
    if (Status s = CheckAddress(a, "To"); !s.ok()) return s;
  }
  for (const MailAddress& a : mail.cc) {
    if (Status s = CheckAddress(a, "Cc"); !s.ok()) return s;
  }
  if (!IsValidMessageId(mail.message_id)) return Status::Invalid("mail Message-ID: not valid");
  if (!mail.in_reply_to.empty() && !IsValidMessageId(mail.in_reply_to)) {
    return Status::Invalid("mail In-Reply-To: not a valid Message-ID");
  }
  for (const std::string& r : mail.references) {
    if (!IsValidMessageId(r)) return Status::Invalid("mail References: not a valid Message-ID");
  }
  // An attachment's name and type become Content-Type/-Disposition headers.
  for (const MailAttachment& a : mail.attachments) {
    if (!IsHeaderSafe(a.name) || !IsValidUtf8(a.name) || !IsHeaderSafe(a.content_type)) {
      return Status::Invalid("mail attachment: a name or type holds a line break or NUL");
    }
  }
  return Status::Ok();
}

}  // namespace srcbot::core
