#pragma once
// MailSender: hands one built message (mime_builder.h) to the SRC's mail
// submission server (SPEC §7, "Correspondence"). The outbox decides what to
// do with the outcome: kSent is done; kTemporary is retried later (the
// server said 4xx, or could not be reached, or the connection dropped
// before it confirmed: the message may then arrive twice, which the outbox's
// at-least-once promise accepts); kPermanent is held and reported (5xx, a
// refused login, an address that is not plain). SmtpSender is the real one.

#include <string>
#include <string_view>
#include <vector>

namespace srcbot::mail {

struct SendOutcome {
  enum class Kind { kSent, kTemporary, kPermanent };
  Kind kind = Kind::kSent;
  int smtp_code = 0;   // the server's last reply code; 0 when it gave none
  std::string detail;  // for people: what failed; never a credential or the message
  bool sent() const { return kind == Kind::kSent; }
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Sends `message` (RFC 5322 bytes, CRLF line ends) from `envelope_from` to
  // every address in `recipients` (MAIL FROM / RCPT TO; Bcc is only here).
  // All or nothing: one refused recipient fails the whole message.
  [[nodiscard]] virtual SendOutcome Send(const std::string& envelope_from,
                                         const std::vector<std::string>& recipients,
                                         std::string_view message) = 0;
};

}  // namespace srcbot::mail
