#pragma once
// The pieces of a mail srcbot sends in a case's thread (SPEC §7,
// "Correspondence"): the `Re: [SRC-n] …` subject, a fresh Message-ID and the
// threading headers. Pure: the Message-ID's randomness is handed in, the
// domain reads no clock and no random device.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/case.h"
#include "core/mail.h"
#include "core/result.h"

namespace srcbot::core {

// The longest subject text kept after the tags, in bytes (cut at a UTF-8
// character boundary): long enough for any real title, short enough that a
// pasted essay does not become a header.
inline constexpr std::size_t kMaxSubjectText = 200;

// "[SRC-7] <title>": the subject of a thread srcbot starts for a case.
// `title` is sanitised (SanitizeHeaderText) and cut to kMaxSubjectText.
std::string CaseSubject(CaseId id, std::string_view title);

// "Re: [SRC-7] <subject>": `subject` without the "Re:" prefixes and `[SRC-7]`
// tags it already has at its start (so replies to replies do not pile them
// up), sanitised and cut like CaseSubject. "Re: [SRC-7]" when nothing is left.
// For `id` 0 (mail about no case) there is no tag: "Re: <subject>", or
// "Re: (no subject)".
std::string ReplySubject(CaseId id, std::string_view subject);

// A fresh Message-ID (no angle brackets): "srcbot.<hex of random>@<domain of
// from_address>". `random` must hold at least 16 bytes from a good random
// source (the caller's; 128 bits make a collision practically impossible).
// kInvalidArgument for fewer bytes or a from address that is not valid.
Result<std::string> MakeMessageId(std::span<const std::uint8_t> random,
                                  std::string_view from_address);

// The References of a reply to `parent` (RFC 5322 §3.6.4): the parent's
// References, or else its In-Reply-To, then its Message-ID. Ids that are not
// valid (IsValidMessageId) are left out, since they came from a stranger's
// headers; at most kMaxReferences are kept: the first (the thread's root)
// and the newest.
inline constexpr std::size_t kMaxReferences = 20;
std::vector<std::string> ReplyReferences(const InboundMail& parent);

// A reply to `parent` for case `id` from `from`: To the parent's sender,
// ReplySubject, In-Reply-To the parent's Message-ID (when valid),
// ReplyReferences, the given Message-ID, date and body. Check the result
// with CheckOutgoingHeaders: the parent's From may not be a valid address.
OutgoingMail MakeReply(const InboundMail& parent, CaseId id, const MailAddress& from,
                       std::string message_id, TimePoint date, std::string text_body);

}  // namespace srcbot::core
