#include "app/mail_runtime.h"

#include <array>
#include <chrono>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>

#include "app/key_replies.h"
#include "commands/reminder_tick.h"
#include "core/mail_reply.h"

namespace srcbot::app {
namespace {

// A fresh Message-ID from the system's random device (128 bits).
std::string NewMessageId(const std::string& from) {
  static std::mutex mu;
  static std::random_device device;
  std::array<std::uint8_t, 16> bytes{};
  {
    std::lock_guard<std::mutex> lock(mu);
    for (std::uint8_t& b : bytes) b = static_cast<std::uint8_t>(device());
  }
  auto id = core::MakeMessageId(bytes, from);
  return id.ok() ? id.value() : std::string();
}

std::string DomainOf(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? std::string() : address.substr(at + 1);
}

}  // namespace

core::Result<std::unique_ptr<MailRuntime>> MailRuntime::Start(
    const config::Config& cfg, const std::optional<MailSettings>& settings,
    const core::Clock& clock, core::CaseStore& cases, const std::string& src_channel,
    std::function<void()> posted, mail::IntakeLog log) {
  auto store = store::SqliteMailStore::Open(cfg.db, clock);
  if (!store.ok()) return store.status();
  std::unique_ptr<MailRuntime> rt(new MailRuntime());
  rt->store_ = std::move(store).value();
  rt->clock_ = &clock;
  mail::IntakeSettings intake;
  intake.folder = settings ? settings->folder : "INBOX";
  intake.done_folder = cfg.mail_done_folder;
  intake.src_channel = src_channel;
  intake.parse.max_bytes = static_cast<std::size_t>(cfg.mail_max_bytes);
  if (!cfg.pgp_home.empty()) {
    // A bad home stops start-up: reports would arrive unreadable and mail
    // would leave unsigned.
    auto keyring = mail::GpgKeyring::Open(cfg.pgp_home);
    if (!keyring.ok()) return core::Status::Invalid("--pgp-home: " + keyring.status().message());
    rt->keyring_ = std::move(keyring).value();
    intake.parse.keyring = rt->keyring_.get();
    rt->transform_ = std::make_unique<mail::PgpTransform>(*rt->keyring_);
  } else {
    rt->transform_ = std::make_unique<mail::NoTransform>();
  }
  intake.on_call = [&cases](core::TimePoint now) { return commands::OnCallAt(cases, now); };
  if (rt->keyring_ && settings && settings->smtp) {
    auto replies =
        KeyRepliesFor(cfg, *rt->keyring_, [from = cfg.mail_from] { return NewMessageId(from); });
    if (!replies.ok()) return replies.status();
    intake.key_replies = std::move(replies).value();
  }
  rt->intake_ = std::make_unique<mail::MailIntake>(*rt->store_, clock, intake, log);
  if (!settings) return rt;
  const mail::ConnectionOptions login{settings->user, settings->password, settings->ca_file,
                                      std::chrono::milliseconds(10'000),
                                      std::chrono::milliseconds(120'000)};
  if (settings->imap) {
    auto mailbox = mail::ImapMailbox::Open({settings->imap_url, login});
    if (!mailbox.ok()) return mailbox.status();
    rt->mailbox_ = std::move(mailbox).value();
    auto period = std::chrono::milliseconds(
        std::max<std::int64_t>(10, static_cast<std::int64_t>(cfg.mail_poll_seconds * 1000.0)));
    rt->health_ = core::MailboxHealth(
        {core::Duration(static_cast<std::int64_t>(cfg.mail_alert_minutes * 60.0)),
         std::chrono::hours(24)});
    rt->poll_ = std::make_unique<bot::PeriodicTask>(
        [rt = rt.get(), posted, log, src_channel] {
          auto polled = rt->intake_->PollOnce(*rt->mailbox_);
          // IMAP down: logged, and the next poll tries again; nothing was
          // taken. Long enough, and the SRC is told (core/mailbox_health.h).
          const core::TimePoint now = rt->clock_->Now();
          std::optional<std::string> notice;
          if (polled.ok()) {
            notice = rt->health_.Succeeded(now);
          } else {
            if (log) log("mail: poll failed: " + polled.status().message());
            notice = rt->health_.Failed(now, polled.status().message());
          }
          if (notice) {
            core::Status queued =
                rt->store_->Notify({{core::Audience::kChannel, src_channel, *notice, {}, "", {}}});
            if (!queued.ok()) {
              rt->health_.NoticeLost();  // the next poll tries to tell again
              if (log) log("mail: mailbox notice not queued: " + queued.message());
            }
          }
          if (posted) posted();
        },
        period);
    // IDLE on a second connection: a pass as soon as mail arrives, the
    // timed poll above still the safety net (docs/mail.md).
    auto idler = mail::ImapIdler::Open({settings->imap_url, settings->folder, login});
    if (!idler.ok()) return idler.status();
    rt->idle_ = std::make_unique<mail::IdleWatcher>(
        std::move(idler).value(), [poll = rt->poll_.get()] { poll->RunNow(); }, log);
  }
  if (settings->smtp) {
    mail::SmtpOptions smtp{settings->smtp_url, DomainOf(cfg.mail_from)};
    smtp.connection.user = settings->user;
    smtp.connection.password = settings->password;
    smtp.connection.ca_file = settings->ca_file;
    auto sender = mail::SmtpSender::Open(smtp);
    if (!sender.ok()) return sender.status();
    rt->sender_ = std::move(sender).value();
    mail::DeliverySettings delivery;
    delivery.src_channel = src_channel;
    delivery.facts.src_address = cfg.mail_from;
    for (const std::string* list : {&cfg.announce_list, &cfg.retro_list}) {
      if (!list->empty()) delivery.facts.lists.push_back(*list);
    }
    rt->delivery_ = std::make_unique<mail::MailDelivery>(*rt->store_, cases, *rt->sender_,
                                                         *rt->transform_, clock, delivery, log);
    rt->send_ = std::make_unique<bot::PeriodicTask>(
        [rt = rt.get(), posted] {
          mail::DeliveryReport r = rt->delivery_->DrainOnce();
          if (posted && r.held > 0) posted();
        },
        std::chrono::seconds(1));
    const std::string from = cfg.mail_from;
    rt->options_ = {rt->store_.get(),
                    {from, ""},
                    cfg.project,
                    cfg.announce_list,
                    cfg.retro_list,
                    cfg.announce_archive_url,
                    [from] { return NewMessageId(from); }};
  }
  if (rt->poll_) rt->poll_->Start();
  if (rt->idle_) rt->idle_->Start();
  if (rt->send_) rt->send_->Start();
  return rt;
}

std::string MailRuntime::FeedFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read " + path;
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto done = intake_->Ingest(raw, clock_->Now());
  if (!done.ok()) return "mail not recorded: " + done.status().message();
  const std::string ref = core::CaseRef(done.value().case_id);
  if (done.value().repeated) return "this mail was received before; nothing new";
  switch (done.value().outcome) {
    case mail::Ingested::Outcome::kNewCase:
      return "mail received: a new case, " + ref;
    case mail::Ingested::Outcome::kAppended:
      return "mail received: correspondence on " + ref;
    case mail::Ingested::Outcome::kUnreadable:
      return "mail could not be read; reported in #src";
    case mail::Ingested::Outcome::kKeyRequest:
      return done.value().key_sent ? "a request for the SRC's key: answered, no case"
                                   : "a request for the SRC's key: sent within the day, not again";
    case mail::Ingested::Outcome::kDuplicate:
      break;
    case mail::Ingested::Outcome::kRecorded:
      return done.value().case_id == 0 ? "automatic mail: recorded, not answered"
                                       : "automatic mail on " + ref + ": recorded, not answered";
  }
  return "this mail was received before; nothing new";
}

MailRuntime::~MailRuntime() {
  if (idle_) idle_->Stop();  // first: it wakes poll_
  if (poll_) poll_->Stop();
  if (send_) send_->Stop();
}

commands::ServiceOptions WithMail(commands::ServiceOptions options, const MailRuntime* runtime) {
  if (runtime != nullptr) options.mail = runtime->options();
  return options;
}

}  // namespace srcbot::app
