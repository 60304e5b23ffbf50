#pragma once
// Mail as `srcbot serve` and `srcbot console` run it (docs/mail.md): the mail
// store on --db; with --mail-imap-url the intake polling the watched folder
// every --mail-poll-seconds, and at once when IMAP IDLE reports new mail
// (where the server offers it); with --mail-smtp-url the delivery of the mail
// outbox (every second); and the options the verbs need to queue mail.
// The console makes one with no servers at all, for `:mail-in`.
//
// Owns everything it starts; the case store and clock must outlive it.
// Destroying it stops the threads (before the stores they use go away).

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/mail_settings.h"
#include "bot/runtime/periodic_task.h"
#include "commands/verb.h"
#include "config/options.h"
#include "core/mailbox_health.h"
#include "integrations/mail/gpg_keyring.h"
#include "integrations/mail/idle_watcher.h"
#include "integrations/mail/imap_mailbox.h"
#include "integrations/mail/mail_delivery.h"
#include "integrations/mail/mail_intake.h"
#include "integrations/mail/pgp_mime.h"
#include "integrations/mail/smtp_sender.h"
#include "store/sqlite_mail_store.h"

namespace srcbot::app {

class MailRuntime {
 public:
  // `settings` from CheckMailSettings (nullopt: mail off; the store and the
  // intake still exist, for `:mail-in`). `posted` is called after a pass
  // that committed posts for Slack (wake the delivery loop); may be empty.
  // `start_threads` false: nothing polls or sends on its own (the console
  // drives the intake itself and still gets the delivery thread when SMTP is
  // set, so pass true there too to send).
  static core::Result<std::unique_ptr<MailRuntime>> Start(
      const config::Config& cfg, const std::optional<MailSettings>& settings,
      const core::Clock& clock, core::CaseStore& cases, const std::string& src_channel,
      std::function<void()> posted, mail::IntakeLog log);
  ~MailRuntime();

  mail::MailIntake& intake() { return *intake_; }
  // The console's `:mail-in`: the file's bytes go to the intake as a message
  // arriving now. Returns one line for the person: what became of it.
  std::string FeedFile(const std::string& path);
  // The verbs' mail options (a null store when no SMTP: the verbs say so).
  commands::MailOptions options() const { return options_; }

 private:
  MailRuntime() = default;

  const core::Clock* clock_ = nullptr;
  std::unique_ptr<store::SqliteMailStore> store_;
  std::unique_ptr<mail::MailIntake> intake_;
  std::unique_ptr<mail::ImapMailbox> mailbox_;
  std::unique_ptr<mail::SmtpSender> sender_;
  std::unique_ptr<mail::GpgKeyring> keyring_;      // with --pgp-home
  std::unique_ptr<mail::MailTransform> transform_;  // PgpTransform with a keyring
  std::unique_ptr<mail::MailDelivery> delivery_;
  std::unique_ptr<bot::PeriodicTask> poll_;
  core::MailboxHealth health_;  // poll_'s thread only
  std::unique_ptr<mail::IdleWatcher> idle_;  // wakes poll_ early
  std::unique_ptr<bot::PeriodicTask> send_;
  commands::MailOptions options_;
};

// `options` with the mail options of `runtime`; unchanged when it is null.
commands::ServiceOptions WithMail(commands::ServiceOptions options, const MailRuntime* runtime);

}  // namespace srcbot::app
