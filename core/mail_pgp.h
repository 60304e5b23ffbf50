#pragma once
// The OpenPGP rules of the intake that are policy, not cryptography
// (SPEC §7, "OpenPGP"). Pure.

#include <cstddef>
#include <optional>
#include <string>

#include "core/mail.h"
#include "core/time.h"

namespace srcbot::core {

// A new thread whose subject or first non-empty line asks for the SRC's
// PGP, GPG, OpenPGP or public key ("Could you send me your PGP key?",
// "Request: public key"). A subject that only names a key ("GPG key
// handling bypass") or a report that mentions one later is not a request.
bool AsksForKey(const InboundMail& mail);

// A key request and nothing else (docs/mail.md, "Key requests"): AsksForKey,
// no attachment but OpenPGP keys (the sender's own), nothing that failed to
// decrypt, and at most kBareRequestBytes of text once quoted lines ("> …")
// and the signature block ("-- " and below) are left out: "Hi, could you
// send me your PGP key? I have a report. Thanks, Bob". Such a message is
// answered without opening a case. Anything more is a report that also asks
// for the key: it opens a case as usual, and the key still goes out.
inline constexpr std::size_t kBareRequestBytes = 300;
bool IsBareKeyRequest(const InboundMail& mail);

// The key is sent at most once a day per sender: `last_sent` is when this
// sender was last sent it (nullopt: never).
bool KeyReplyDue(std::optional<TimePoint> last_sent, TimePoint now);

// The text of the key reply; the key goes as an attachment.
std::string KeyReplyText(const std::string& fingerprint);

}  // namespace srcbot::core
