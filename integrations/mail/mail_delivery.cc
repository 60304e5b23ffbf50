#include "integrations/mail/mail_delivery.h"

#include <algorithm>

#include "core/markup.h"
#include "core/str_cat.h"
#include "integrations/mail/mime_builder.h"

namespace srcbot::mail {
namespace {

std::vector<std::string> Recipients(const core::OutgoingMail& m) {
  std::vector<std::string> out;
  for (const core::MailAddress& a : m.to) out.push_back(a.address);
  for (const core::MailAddress& a : m.cc) out.push_back(a.address);
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string What(const core::MailOutboxItem& item) {
  return core::StrCat({core::MailKindName(item.queued.kind), " to ",
                       Join(Recipients(item.queued.mail)), " (Message-ID ",
                       item.queued.mail.message_id, ")"});
}

// The event on the mail's case and, for `post_to`, the post. A mail on no
// case (id 0: a key reply to a bare request) has no timeline: the post only.
core::Change Noted(const core::Case& current, const std::string& kind, const std::string& text,
                   core::TimePoint now, const std::string* post_to) {
  core::Change change{current, {}, {}};
  if (current.id != 0) change.events.push_back({current.id, now, "", "", kind, text});
  if (post_to != nullptr) {
    std::vector<core::CaseId> about;
    if (current.id != 0) about.push_back(current.id);
    change.messages.push_back({core::Audience::kChannel, *post_to, text, about, "", {}});
  }
  return change;
}

std::string OnCase(core::CaseId id) {
  return id == 0 ? std::string("on no case") : "for " + core::CaseRef(id);
}

}  // namespace

MailDelivery::MailDelivery(core::MailStore& mail, core::CaseStore& cases, MailSender& sender,
                           MailTransform& transform, const core::Clock& clock,
                           DeliverySettings settings, IntakeLog log)
    : mail_(mail),
      cases_(cases),
      sender_(sender),
      transform_(transform),
      clock_(clock),
      settings_(std::move(settings)),
      log_(std::move(log)) {}

DeliveryReport MailDelivery::DrainOnce() {
  DeliveryReport report;
  auto due = mail_.DueMails(clock_.Now(), settings_.batch);
  if (!due.ok()) {
    Note("mail: outbox not read: " + due.status().message());
    ++report.store_errors;
    return report;
  }
  for (const core::MailOutboxItem& item : due.value()) {
    auto step = Deliver(item);
    if (!step.ok()) {
      Note("mail: " + std::to_string(item.id) + " not recorded: " + step.status().message());
      ++report.store_errors;
      continue;
    }
    switch (step.value()) {
      case Step::kSent:
        ++report.sent;
        break;
      case Step::kRetried:
        ++report.retried;
        break;
      case Step::kHeld:
        ++report.held;
        break;
    }
  }
  return report;
}

core::Result<MailDelivery::Step> MailDelivery::Deliver(const core::MailOutboxItem& item) {
  const core::QueuedMail& q = item.queued;
  core::Case current;  // a mail on no case (a key reply to a bare request) judged as such
  core::MailFacts facts = settings_.facts;
  if (q.case_id != 0) {
    auto loaded = cases_.Load(q.case_id);
    if (!loaded.ok()) return Retry(item, "case not read: " + loaded.status().message());
    current = std::move(loaded).value();
    auto thread = mail_.Thread(q.case_id);
    if (!thread.ok()) return Retry(item, "thread not read: " + thread.status().message());
    facts.reporter = thread.value() ? thread.value()->reporter : "";
  }
  core::MailVerdict verdict = core::JudgeMail(current, q, facts);
  if (q.case_id != 0) {
    core::EmbargoDecision decision{q.case_id,
                                   {},
                                   verdict.allowed ? "sent" : "refused",
                                   "mail",
                                   Join(Recipients(q.mail)),
                                   "",
                                   verdict.reason};
    // Fails closed: a decision that cannot be recorded is not acted on.
    if (core::Status s = cases_.RecordDecisions({decision}); !s.ok()) {
      return Retry(item, "guard decision not recorded: " + s.message());
    }
  } else {
    // The decisions are kept per case; a mail on none carries no case detail.
    Note("mail: " + std::to_string(item.id) + " (no case): " + verdict.reason);
  }
  if (!verdict.allowed) return Hold(item, "the embargo guard refused it: " + verdict.reason);
  auto built = BuildMail(q.mail, transform_);
  if (!built.ok()) return Hold(item, "it could not be built: " + built.status().message());
  SendOutcome sent = sender_.Send(q.mail.from.address, Recipients(q.mail), built.value());
  if (sent.kind == SendOutcome::Kind::kTemporary) return Retry(item, sent.detail);
  if (sent.kind == SendOutcome::Kind::kPermanent) {
    return Hold(item, "the mail server refused it: " + sent.detail);
  }
  const core::TimePoint now = clock_.Now();
  const std::string text =
      core::StrCat({"Mail sent ", OnCase(q.case_id), ": ", core::Escape(What(item))});
  auto done = mail_.FinishMail(item.id, core::MailState::kSent, "sent", [&](const core::Case& c) {
    return core::Result<core::Change>(Noted(c, "mail-sent", text, now, nullptr));
  });
  if (!done.ok()) return done.status();
  return Step::kSent;
}

core::Result<MailDelivery::Step> MailDelivery::Hold(const core::MailOutboxItem& item,
                                                    const std::string& why) {
  const core::TimePoint now = clock_.Now();
  const std::string text =
      core::StrCat({"Mail ", OnCase(item.queued.case_id),
                    " held, not sent: ", core::Escape(What(item)), "; ", core::Escape(why), "."});
  Note("mail: " + std::to_string(item.id) + " held: " + why);
  auto done = mail_.FinishMail(item.id, core::MailState::kHeld, why, [&](const core::Case& c) {
    return core::Result<core::Change>(Noted(c, "mail-held", text, now, &settings_.src_channel));
  });
  if (!done.ok()) return done.status();
  return Step::kHeld;
}

core::Result<MailDelivery::Step> MailDelivery::Retry(const core::MailOutboxItem& item,
                                                     const std::string& why) {
  const int doublings = std::min(item.attempts, 16);
  auto wait = std::min<std::chrono::seconds>(settings_.retry_base * (1LL << doublings),
                                             settings_.retry_max);
  Note("mail: " + std::to_string(item.id) + " not sent yet (" + why + "); again in " +
       std::to_string(wait.count()) + " s");
  if (core::Status s = mail_.RetryMail(item.id, clock_.Now() + wait, why); !s.ok()) return s;
  return Step::kRetried;
}

}  // namespace srcbot::mail
