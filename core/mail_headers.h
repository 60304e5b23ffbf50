#pragma once
// What may reach a mail header (SPEC §7: "header values are never built from
// unchecked text"). A CR or LF in a subject or address would let whoever wrote
// it add headers or recipients (header injection); a NUL truncates in C code
// further down. Text from people is sanitised before it becomes a header;
// addresses and ids are checked and refused. Pure.

#include <string>
#include <string_view>

#include "core/mail.h"
#include "core/result.h"

namespace srcbot::core {

// True when `value` holds no CR, LF or NUL.
bool IsHeaderSafe(std::string_view value);

// `text` as one header line: every run of CR, LF, tab and other ASCII control
// characters (NUL included) becomes one space, and the ends are trimmed.
// For text from people (a case title, a reporter's subject).
std::string SanitizeHeaderText(std::string_view text);

// A plain addr-spec, "local@domain": one '@', both sides non-empty, no
// whitespace, no control character, none of `<>()[],;:"\`, at most 254
// bytes. Stricter than RFC 5322 (no quoted local parts) on purpose: the
// address also goes into SMTP's MAIL FROM and RCPT TO.
bool IsValidMailAddress(std::string_view address);

// A Message-ID without its angle brackets, "left@right": printable ASCII,
// no whitespace, no '<' or '>', one '@' with both sides non-empty, at most
// 250 bytes.
bool IsValidMessageId(std::string_view id);

// Ok when every value of `mail` that becomes a header is safe: the subject
// and display names hold no CR, LF or NUL and are valid UTF-8; every address passes
// IsValidMailAddress; message_id, in_reply_to (when set) and each reference
// pass IsValidMessageId; there is at least one recipient. kInvalidArgument
// naming the field otherwise; the message never quotes the value.
Status CheckOutgoingHeaders(const OutgoingMail& mail);

}  // namespace srcbot::core
