#include "core/mail_thread.h"

#include <cctype>
#include <string_view>

#include "core/str_cat.h"

namespace srcbot::core {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The ids that may name the thread, most specific first: In-Reply-To is the
// direct parent; References is oldest first, so its end is the closest kin.
std::vector<std::string> ParentIds(const InboundMail& mail) {
  std::vector<std::string> ids;
  if (!mail.in_reply_to.empty()) ids.push_back(mail.in_reply_to);
  for (auto it = mail.references.rbegin(); it != mail.references.rend(); ++it) {
    if (!it->empty()) ids.push_back(*it);
  }
  return ids;
}

std::optional<InboundDecision> ByHeaders(const InboundMail& mail, const KnownThreads& known) {
  for (const std::string& id : ParentIds(mail)) {
    const char* header = id == mail.in_reply_to ? "In-Reply-To" : "References";
    if (auto s = known.sent.find(id); s != known.sent.end()) {
      return InboundDecision{InboundAction::kAppend, s->second,
                             StrCat({header, " names mail sent for ", CaseRef(s->second)})};
    }
    if (auto r = known.received.find(id); r != known.received.end()) {
      return InboundDecision{InboundAction::kAppend, r->second,
                             StrCat({header, " names mail received for ", CaseRef(r->second)})};
    }
  }
  return std::nullopt;
}

std::optional<InboundDecision> BySubject(const InboundMail& mail, const KnownThreads& known) {
  std::string from = Lower(mail.from.address);
  if (from.empty()) return std::nullopt;
  for (CaseId id : SubjectCaseTags(mail.subject)) {
    auto r = known.reporters.find(id);
    if (r != known.reporters.end() && Lower(r->second) == from) {
      return InboundDecision{InboundAction::kAppend, id,
                             StrCat({"[", CaseRef(id), "] in the Subject, from its reporter"})};
    }
  }
  return std::nullopt;
}

bool IsMailerDaemon(std::string_view address) {
  std::string a = Lower(address);
  return a == "mailer-daemon" || a.starts_with("mailer-daemon@");
}

}  // namespace

ThreadKeys KeysOf(const InboundMail& mail) {
  ThreadKeys keys;
  if (!mail.message_id.empty()) keys.message_ids.push_back(mail.message_id);
  for (std::string& id : ParentIds(mail)) keys.message_ids.push_back(std::move(id));
  keys.subject_cases = SubjectCaseTags(mail.subject);
  return keys;
}

bool IsAutomatic(const InboundMail& mail) {
  std::string auto_submitted = Lower(mail.auto_submitted);
  if (!auto_submitted.empty() && auto_submitted != "no") return true;
  std::string precedence = Lower(mail.precedence);
  if (precedence == "bulk" || precedence == "junk" || precedence == "list") return true;
  if (!mail.list_id.empty() || mail.delivery_report) return true;
  if (mail.return_path && (mail.return_path->empty() || IsMailerDaemon(*mail.return_path))) {
    return true;
  }
  return IsMailerDaemon(mail.from.address);
}

std::vector<CaseId> SubjectCaseTags(const std::string& subject) {
  std::vector<CaseId> ids;
  std::string lower = Lower(subject);
  constexpr std::string_view kOpen = "[src-";
  // A case number has at most 18 digits, so it fits a CaseId.
  constexpr std::size_t kMaxDigits = 18;
  for (std::size_t at = lower.find(kOpen); at != std::string::npos;
       at = lower.find(kOpen, at + 1)) {
    std::size_t digits = at + kOpen.size();
    std::size_t end = digits;
    while (end < lower.size() && std::isdigit(static_cast<unsigned char>(lower[end]))) ++end;
    if (end == digits || end - digits > kMaxDigits || end >= lower.size() || lower[end] != ']') {
      continue;
    }
    CaseId id = std::stoll(lower.substr(digits, end - digits));
    if (id > 0) ids.push_back(id);
  }
  return ids;
}

InboundDecision ClassifyInbound(const InboundMail& mail, const KnownThreads& known) {
  if (!mail.message_id.empty()) {
    if (auto r = known.received.find(mail.message_id); r != known.received.end()) {
      return {InboundAction::kDuplicate, r->second,
              StrCat({"Message-ID already received for ", CaseRef(r->second)})};
    }
  }
  std::optional<InboundDecision> thread = ByHeaders(mail, known);
  if (!thread) thread = BySubject(mail, known);
  if (IsAutomatic(mail)) {
    // Recorded on its case when it is threaded (a bounce of our ack), never answered.
    CaseId id = thread ? thread->case_id : 0;
    return {InboundAction::kRecordOnly, id,
            id ? StrCat({"automatic mail (auto-reply, bounce or list) on ", CaseRef(id)})
               : std::string("automatic mail (auto-reply, bounce or list)")};
  }
  if (thread) return *thread;
  return {InboundAction::kNewCase, 0, "not in a known thread"};
}

}  // namespace srcbot::core
