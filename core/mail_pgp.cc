#include "core/mail_pgp.h"

#include <algorithm>
#include <cctype>

#include "core/str_cat.h"

namespace srcbot::core {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string FirstLine(const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) return line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return {};
}

bool Has(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

// Names a PGP, GPG, OpenPGP or public key ("PGP public key", "GPG signing
// key") and asks for it: "GPG key handling bypass" names one but asks nothing.
bool AsksFor(const std::string& line) {
  const std::string l = Lower(line);
  const bool names = Has(l, "key") && (Has(l, "pgp") || Has(l, "gpg") || Has(l, "public key"));
  const bool asks = Has(l, "?") || Has(l, "send") || Has(l, "request") || Has(l, "need") ||
                    Has(l, "share") || Has(l, "where") || Has(l, "what is") || Has(l, "please");
  return names && asks;
}

// The body as a person wrote it for this message: without quoted lines
// and without the signature block, trimmed.
std::string OwnText(const std::string& body) {
  std::string out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "-- ") break;
    if (!line.starts_with(">")) out += line + "\n";
    start = end + 1;
  }
  const std::size_t first = out.find_first_not_of(" \t\n");
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(" \t\n") - first + 1);
}

}  // namespace

bool AsksForKey(const InboundMail& mail) {
  if (!mail.in_reply_to.empty() || !mail.references.empty()) return false;  // not a new thread
  return AsksFor(mail.subject) || AsksFor(FirstLine(mail.text_body));
}

bool IsBareKeyRequest(const InboundMail& mail) {
  if (!AsksForKey(mail) || mail.decryption_failed) return false;
  for (const MailAttachment& a : mail.attachments) {
    if (Lower(a.content_type) != "application/pgp-keys") return false;
  }
  return OwnText(mail.text_body).size() <= kBareRequestBytes;
}

bool KeyReplyDue(std::optional<TimePoint> last_sent, TimePoint now) {
  return !last_sent || now - *last_sent >= Duration(24 * 3600);
}

std::string KeyReplyText(const std::string& fingerprint) {
  return StrCat(
      {"You asked for the Security Response Committee's OpenPGP key. It is attached.\n"
       "\n"
       "Fingerprint: ",
       fingerprint,
       "\n"
       "\n"
       "Check the fingerprint against the one in the project's security policy before "
       "you use the key. Mail encrypted to it is read only by the committee.\n"});
}

}  // namespace srcbot::core
