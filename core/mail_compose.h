#pragma once
// The mails srcbot writes for a case (SPEC §7): the acknowledgement and an
// SRC member's words to the reporter, threaded on the reporter's latest
// message; the announcement to the announce list and the retrospective to
// the retro list. Each is queued in the change that causes it, with an event
// on the timeline (QueueMail). Pure: Message-IDs and times are handed in.

#include <optional>
#include <string>
#include <string_view>

#include "core/change.h"
#include "core/command.h"
#include "core/mail.h"
#include "core/mail_outbox.h"
#include "core/result.h"

namespace srcbot::core {

// What srcbot knows of a case's mail thread: the reporter's address and the
// latest message received from them (its ids, subject and From; the body is
// not needed). nullopt from the store for a case that came by no mail.
struct ReporterThread {
  std::string reporter;
  InboundMail latest;
};

// The acknowledgement: the case id, what happens next and the policy's
// timelines, signed by the project's SRC. A reply to `thread.latest`,
// marked Auto-Submitted (it is a form letter; vacation responders stay quiet).
QueuedMail AckMail(const Case& c, const ReporterThread& thread, const MailAddress& from,
                   std::string_view project, std::string message_id, TimePoint now);

// `text` from an SRC member to the reporter, in the thread. Not Auto-Submitted.
QueuedMail ReporterMail(const Case& c, const ReporterThread& thread, const MailAddress& from,
                        std::string_view project, std::string_view text, std::string message_id,
                        TimePoint now);

// The announcement (core/announcement.h) of a released case to `list`.
// kConflict naming what is missing when the announcement lacks a
// field (a "[missing: …]" placeholder must never reach a list).
Result<QueuedMail> AnnouncementMail(const Case& released, const MailAddress& from,
                                    const std::string& list, std::string message_id, TimePoint now);

// The retrospective (`plain_text`, already plain) of case `c` to `list`.
QueuedMail RetrospectiveMail(const Case& c, const MailAddress& from, std::string_view project,
                             const std::string& list, std::string plain_text,
                             std::string message_id, TimePoint now);

// Adds `mail` to `change` with a "mail-queued" event saying what goes to whom.
void QueueMail(Change& change, QueuedMail mail, const Actor& actor, TimePoint now);

// `pattern` with "{message_id}" replaced by `message_id`, percent-encoded
// (RFC 3986 unreserved characters kept). "" when the pattern has no
// placeholder.
std::string ArchiveLink(std::string_view pattern, std::string_view message_id);

}  // namespace srcbot::core
