#include "core/mail_guard.h"

#include <algorithm>
#include <cctype>

#include "core/public_release.h"

namespace srcbot::core {
namespace {

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool Same(const std::string& a, const std::string& b) { return !a.empty() && Lower(a) == Lower(b); }

bool IsList(const std::string& address, const MailFacts& facts) {
  return std::any_of(facts.lists.begin(), facts.lists.end(),
                     [&](const std::string& list) { return Same(address, list); });
}

MailVerdict Refuse(std::string reason) { return {false, std::move(reason)}; }

}  // namespace

MailVerdict JudgeMail(const Case& c, const QueuedMail& q, const MailFacts& facts) {
  std::vector<const MailAddress*> recipients;
  for (const MailAddress& a : q.mail.to) recipients.push_back(&a);
  for (const MailAddress& a : q.mail.cc) recipients.push_back(&a);
  if (recipients.empty()) return Refuse("no recipient");
  const std::string kind(MailKindName(q.kind));
  if (IsListMail(q.kind)) {
    if (c.embargoed || !IsReleased(c)) {
      return Refuse(kind + " refused: " + CaseRef(c.id) + " is under embargo");
    }
    for (const MailAddress* a : recipients) {
      if (!IsList(a->address, facts)) {
        return Refuse(kind + " refused: " + a->address + " is not a configured list");
      }
    }
    return {true, kind + " to the list after release"};
  }
  // A key reply to a bare request belongs to no case and carries none of
  // one: the SRC's public key and a form letter, to the one who asked.
  if (q.kind == MailKind::kKeyReply && q.case_id == 0) {
    if (recipients.size() != 1) return Refuse(kind + " refused: a key reply goes to one address");
    if (IsList(recipients[0]->address, facts)) {
      return Refuse(kind + " refused: " + recipients[0]->address + " is a list");
    }
    return {true, kind + " to the sender who asked for the key (no case)"};
  }
  for (const MailAddress* a : recipients) {
    if (IsList(a->address, facts)) {
      return Refuse(kind + " refused: " + a->address + " is a list; case details never go to one");
    }
    if (!Same(a->address, facts.reporter) && !Same(a->address, facts.src_address)) {
      return Refuse(kind + " refused: " + a->address + " is neither the reporter of " +
                    CaseRef(c.id) + " nor the SRC's address");
    }
  }
  return {true, kind + " to the reporter"};
}

}  // namespace srcbot::core
