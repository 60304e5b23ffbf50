#pragma once
// The embargo guard's rule for mail (SPEC §3 and §7, "The embargo guard
// covers mail"). The mail delivery asks it about every mail, with facts read
// fresh at delivery time, and sends nothing it does not allow. Pure.
//
// While a case is under embargo its details go only to its reporter's
// address and the SRC's own address (--mail-from); srcbot knows no mail
// address of SRC members or fix-team engineers (they are Slack users), so no
// other address qualifies. A list (--announce-list, --retro-list) never gets
// a mail about an embargoed case, and never gets correspondence at all: only
// the announcement and the retrospective go to lists, once the case is
// released. A key reply (MailKind::kKeyReply) on a case is judged as
// correspondence; one on no case (a bare key request) carries no case
// detail and may go to its one recipient unless that is a list.

#include <string>
#include <vector>

#include "core/case.h"
#include "core/mail_outbox.h"

namespace srcbot::core {

struct MailFacts {
  std::string reporter;            // the case's reporter address; empty when it has none
  std::string src_address;         // --mail-from
  std::vector<std::string> lists;  // every configured list address
};

struct MailVerdict {
  bool allowed = false;
  std::string reason;  // for the record; names addresses and the rule, never the text
};

// Addresses compare without regard to case.
MailVerdict JudgeMail(const Case& c, const QueuedMail& mail, const MailFacts& facts);

}  // namespace srcbot::core
