#pragma once
// What a received message does to the cases (SPEC §7, "Intake"), once
// ClassifyInbound (core/mail_thread.h) has said where it belongs: the change
// to commit and the post for the SRC channel. Pure: the intake
// (integrations/mail/mail_intake.h) commits these with the message's record.

#include <string>
#include <string_view>

#include "core/change.h"
#include "core/mail.h"
#include "core/mail_thread.h"
#include "core/result.h"

namespace srcbot::core {

// The most of a message's body a post or timeline event quotes; the whole
// body is kept with the message's record in the store.
inline constexpr std::size_t kMailExcerptBytes = 1500;

// When a message reached the SRC, for the case's `received`: its Date
// header when that lies within the week before `seen` (srcbot may have been
// down while it waited), else `seen` itself. A Date in the future or long
// ago is the sender's clock or a forgery, not the arrival.
TimePoint ReceivedTime(const InboundMail& mail, TimePoint seen);

// Opens case `id` from a message that is in no known thread: stage reported,
// via email, received = `arrival` (never later than now), title = the
// subject (one line; "(no subject)" when empty), reporter = the From
// address. The post to the SRC channel names the sender, quotes the start of
// the body, lists the attachments and offers `ack`. The bot records it.
Result<Change> OpenFromMail(CaseId id, const InboundMail& mail, TimePoint arrival, TimePoint now);

// A message in `current`'s thread (kAppend): a "mail-received" event on the
// timeline and a post to the SRC channel with the same text. The case's
// fields do not change.
Change AppendMail(const Case& current, const InboundMail& mail, const InboundDecision& decision,
                  TimePoint now);

// Automatic mail threaded on `current` (kRecordOnly with a case): a
// "mail-recorded" event only. No post, no answer.
Change RecordAutomaticMail(const Case& current, const InboundMail& mail, TimePoint now);

// The post for a message that could not be read: says where it was moved,
// and why in the parser's words (never the message's content).
std::string UnreadableMailPost(std::string_view folder, std::string_view why);

// The start of `body` (kMailExcerptBytes, cut at a character) as a Slack
// quote: each line escaped and on a line of its own after "> ", and "> …"
// when it was cut.
std::string QuoteBody(const std::string& body);

// "Alice <alice@example.org>" (escaped mrkdwn), or the address alone.
std::string DescribeSender(const MailAddress& from);

}  // namespace srcbot::core
