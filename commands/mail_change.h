#pragma once
// The mail the verbs queue with their change (docs/mail.md): `ack` mails the
// reporter of a case that came by mail, `release` mails the announcement to
// the announce list and puts its archive link on the case, `retro --send`
// mails the retrospective, `mail` writes to the reporter. The mail goes into
// the Change (Change::mails), committed with it; the mail delivery sends it
// through the mail guard.

#include <optional>

#include "commands/verb.h"
#include "core/change.h"
#include "core/mail_compose.h"

namespace srcbot::commands {

// True when mail can be sent: a mail store, a From address and Message-IDs.
bool CanMail(const MailOptions& mail);

// The error when it cannot, naming the settings.
core::Status MailNotConfigured();

// The reporter's thread of case `id` when mail can be sent and the case came
// by mail; nullopt otherwise (nothing to answer).
core::Result<std::optional<core::ReporterThread>> ThreadToAnswer(const VerbContext& ctx,
                                                                 core::CaseId id);

// Adds the announcement of the released `change.after` to the announce list
// and, with an archive pattern and no announcement link yet, sets the link
// from the mail's Message-ID (so the release posts carry it). When the
// announcement lacks a field, nothing is queued and the release's post says
// what is missing. No-op when mail or the list is not configured.
void AddAnnouncementMail(const VerbContext& ctx, core::Change& change);

}  // namespace srcbot::commands
