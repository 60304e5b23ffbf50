#pragma once
// MailDelivery: sends the committed mail outbox (SPEC §7, "Correspondence")
// at least once. For each due mail it reads fresh facts (the case, its
// reporter address), asks the mail guard (core/mail_guard.h) and records the
// decision with the case (CaseStore::RecordDecisions, kind "mail"); builds
// it (mime_builder.h, through the MailTransform seam) and hands it to the
// MailSender. Sent: marked sent with a "mail-sent" event. 4xx, the server
// down or a dropped connection: left pending, tried again after a backoff
// that doubles per attempt. 5xx, a refused guard or a mail that cannot be
// built: held for good with a "mail-held" event and a post to the SRC
// channel saying why (never the mail's text). A crash between the send and
// the mark sends it again: at least once.
//
// Not thread-safe: one thread calls DrainOnce (a bot::PeriodicTask).

#include <chrono>
#include <string>

#include "core/case_store.h"
#include "core/mail_guard.h"
#include "core/mail_store.h"
#include "integrations/mail/mail_intake.h"
#include "integrations/mail/mail_sender.h"
#include "integrations/mail/mail_transform.h"

namespace srcbot::mail {

struct DeliverySettings {
  std::string src_channel;  // where held mail is reported (channel id)
  core::MailFacts facts;    // src_address and lists; the reporter is read per mail
  std::chrono::seconds retry_base{5};
  std::chrono::seconds retry_max{std::chrono::minutes(10)};
  int batch = 20;
};

struct DeliveryReport {
  int sent = 0;
  int retried = 0;  // left pending for a later try
  int held = 0;
  int store_errors = 0;
};

class MailDelivery {
 public:
  // Nothing owned; everything must outlive the delivery. `log` may be empty.
  MailDelivery(core::MailStore& mail, core::CaseStore& cases, MailSender& sender,
               MailTransform& transform, const core::Clock& clock, DeliverySettings settings,
               IntakeLog log = {});

  DeliveryReport DrainOnce();

 private:
  enum class Step { kSent, kRetried, kHeld };
  core::Result<Step> Deliver(const core::MailOutboxItem& item);
  core::Result<Step> Hold(const core::MailOutboxItem& item, const std::string& why);
  core::Result<Step> Retry(const core::MailOutboxItem& item, const std::string& why);
  void Note(const std::string& line) const {
    if (log_) log_(line);
  }

  core::MailStore& mail_;
  core::CaseStore& cases_;
  MailSender& sender_;
  MailTransform& transform_;
  const core::Clock& clock_;
  const DeliverySettings settings_;
  IntakeLog log_;
};

}  // namespace srcbot::mail
