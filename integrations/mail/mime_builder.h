#pragma once
// OutgoingMail to the bytes SMTP sends (RFC 5322 + MIME, CRLF line ends),
// through GMime 3: From, To, Cc, Subject (RFC 2047-encoded when not ASCII),
// Date, Message-ID, In-Reply-To, References, Auto-Submitted when the mail is
// an automatic reply, MIME-Version, and one text/plain; charset=utf-8 part in
// a 7-bit-safe transfer encoding. Bcc is never written: envelope recipients
// are the sender's business (SmtpSender).
//
// Thread-safe: each call builds its own message.

#include <string>

#include "core/mail.h"
#include "core/result.h"
#include "integrations/mail/mail_transform.h"

namespace srcbot::mail {

// kInvalidArgument when a header value is unsafe (core::CheckOutgoingHeaders:
// a CR, LF or NUL, an address or id that is not plain) or the body is not
// UTF-8: nothing is built. A transform's error is returned as it is.
core::Result<std::string> BuildMail(const core::OutgoingMail& mail, MailTransform& transform);
core::Result<std::string> BuildMail(const core::OutgoingMail& mail);  // NoTransform

}  // namespace srcbot::mail
