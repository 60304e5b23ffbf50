#pragma once
// The OpenPGP rules of the intake that are policy, not cryptography
// (SPEC §7, "OpenPGP"). Pure.

#include <optional>
#include <string>

#include "core/mail.h"
#include "core/time.h"

namespace srcbot::core {

// A new thread whose subject or first non-empty line asks for the SRC's
// PGP, GPG, OpenPGP or public key ("Could you send me your PGP key?",
// "Request: public key"). A subject that only names a key ("GPG key
// handling bypass") or a report that mentions one later is not a request.
// A request is answered AND still handled as any new mail (a report may
// ask for the key in its first line): a noisy case is better than a lost one.
bool AsksForKey(const InboundMail& mail);

// The key is sent at most once a day per sender: `last_sent` is when this
// sender was last sent it (nullopt: never).
bool KeyReplyDue(std::optional<TimePoint> last_sent, TimePoint now);

// The text of the key reply; the key goes as an attachment.
std::string KeyReplyText(const std::string& fingerprint);

}  // namespace srcbot::core
