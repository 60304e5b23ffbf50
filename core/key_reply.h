#pragma once
// Answering a request for the SRC's OpenPGP key (SPEC §7, "OpenPGP"; the
// decisions are in docs/mail.md, "Key requests"): the reply, and what the
// intake commits with the request's record. Pure: the key, the Message-ID
// and the times are handed in; the store says when the sender last got it.

#include <optional>
#include <string>
#include <string_view>

#include "core/change.h"
#include "core/mail.h"
#include "core/mail_outbox.h"

namespace srcbot::core {

// The SRC's public key, as --pgp-home holds it.
struct SrcKey {
  std::string fingerprint;
  std::string armored;  // "-----BEGIN PGP PUBLIC KEY BLOCK-----…"
};

// The name the key is attached under.
inline constexpr std::string_view kKeyAttachmentName = "src-public-key.asc";

// The address a sender's once-a-day record is kept under: the From address,
// ASCII lower-cased (addresses compare without regard to case, as the mail
// guard's do). "" for mail without one: such a request is never answered.
std::string KeyRequestSender(const MailAddress& from);

// A request for the key as the intake found it.
struct KeyRequest {
  std::optional<TimePoint> last_sent;  // when this sender last got the key; nullopt: never
  std::optional<QueuedMail> reply;     // set when KeyReplyDue: the reply to queue
};

// The reply to `request`: To its sender, threaded (In-Reply-To, References),
// "Re: [SRC-n] <subject>" on case `case_id` or "Re: <subject>" on none (0),
// Auto-Submitted (a form letter: vacation responders stay quiet), the text
// KeyReplyText and the key attached as application/pgp-keys. The outbox
// signs it, as every mail.
QueuedMail KeyReplyMail(const InboundMail& request, CaseId case_id, const MailAddress& from,
                        std::string_view project, const SrcKey& key, std::string message_id,
                        TimePoint now);

// A case just opened from a message that also asks for the key (the change
// of OpenFromMail): queues `request.reply` (a "mail-queued" event), or when
// there is none records why not (a "key-request" event: sent within the
// day); either way the new-report post says so.
void AnswerInCase(Change& opened, const KeyRequest& request, TimePoint now);

// A bare key request (IsBareKeyRequest): a change about no case (`after` an
// empty Case, no events: there is no timeline to add to) holding the reply
// when one is due, and a post for the SRC channel that names the sender,
// quotes their text and says whether the key went.
Change BareKeyRequest(const InboundMail& mail, const KeyRequest& request);

// What the message's record notes about a request (mail_received.note):
// answered by mail `reply_id`, or ("" for it) not, the key having gone to
// the sender at `last_sent`.
std::string KeyRequestNote(std::optional<TimePoint> last_sent, const std::string& reply_id);

}  // namespace srcbot::core
