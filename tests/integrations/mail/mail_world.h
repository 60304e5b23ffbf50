#pragma once
// Mail end to end without threads: `/src` lines go through a real
// commands::CommandService over SqliteCaseStore and SqliteMailStore on one
// temporary file; the MailIntake reads what a test hands it (or a real
// Dovecot) and the MailDelivery sends through a real SmtpSender to aiosmtpd.
// The test drives the fake clock and calls Drain() where the thread would.

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "commands/command_service.h"
#include "core/mail_reply.h"
#include "integrations/mail/mail_delivery.h"
#include "integrations/mail/mail_intake.h"
#include "integrations/mail/smtp_sender.h"
#include "store/sqlite_case_store.h"
#include "store/sqlite_mail_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::testing {

inline constexpr const char* kSrcAddress = "security@src.example";
inline constexpr const char* kAnnounceList = "announce@lists.example";

// Sends through whichever sender `target` points at (a dead port, then a live
// server: the server "comes back").
class SwitchableSender : public mail::MailSender {
 public:
  mail::MailSender* target = nullptr;
  mail::SendOutcome Send(const std::string& from, const std::vector<std::string>& to,
                         std::string_view message) override {
    return target->Send(from, to, message);
  }
};

inline std::unique_ptr<mail::SmtpSender> SmtpTo(const std::string& url) {
  mail::SmtpOptions o{url, "src.example"};
  o.connection.connect_timeout = std::chrono::milliseconds(2000);
  o.connection.timeout = std::chrono::milliseconds(10'000);
  auto s = mail::SmtpSender::Open(o);
  REQUIRE(s.ok());
  return std::move(s).value();
}

struct MailWorld {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::unique_ptr<store::SqliteCaseStore> cases;
  std::unique_ptr<store::SqliteMailStore> mail;
  std::unique_ptr<commands::CommandService> service;
  std::unique_ptr<mail::MailIntake> intake;
  SwitchableSender sender;
  mail::NoTransform transform;
  std::unique_ptr<mail::MailDelivery> delivery;
  int ids = 0;

  MailWorld() {
    auto c = store::SqliteCaseStore::Open(dir.File("srcbot.db"), clock);
    REQUIRE(c.ok());
    cases = std::move(c).value();
    REQUIRE(cases->SeedMembers({"alice", "bob"}, clock.Now()).ok());
    auto m = store::SqliteMailStore::Open(dir.File("srcbot.db"), clock);
    REQUIRE(m.ok());
    mail = std::move(m).value();
    commands::ServiceOptions options{"CSRC", core::DeadlinePolicy{}};
    options.mail = {mail.get(), {kSrcAddress, ""}, "acme", kAnnounceList, "", "", [this] {
                      std::vector<std::uint8_t> bytes(16, static_cast<std::uint8_t>(++ids));
                      return core::MakeMessageId(bytes, kSrcAddress).value();
                    }};
    service = std::make_unique<commands::CommandService>(*cases, clock, options);
    mail::IntakeSettings settings;
    settings.src_channel = "CSRC";
    intake = std::make_unique<mail::MailIntake>(*mail, clock, settings);
    mail::DeliverySettings d;
    d.src_channel = "CSRC";
    d.facts.src_address = kSrcAddress;
    d.facts.lists = {kAnnounceList};
    delivery = std::make_unique<mail::MailDelivery>(*mail, *cases, sender, transform, clock, d);
  }

  // From now on the intake answers key requests with `key` (its text need
  // not be a real key: nothing here reads it), Message-IDs from `ids`.
  void AnswerKeyRequests(core::SrcKey key = {"0123456789ABCDEF0123456789ABCDEF01234567",
                                             "-----BEGIN PGP PUBLIC KEY BLOCK-----\n"
                                             "test key\n-----END PGP PUBLIC KEY BLOCK-----\n"}) {
    mail::IntakeSettings s = intake->settings();
    s.key_replies =
        mail::KeyReplies{{kSrcAddress, ""}, "acme", std::move(key), [this] {
                           std::vector<std::uint8_t> b(16, static_cast<std::uint8_t>(++ids));
                           return core::MakeMessageId(b, kSrcAddress).value();
                         }};
    intake = std::make_unique<mail::MailIntake>(*mail, clock, s);
  }

  commands::Reply Run(const std::string& text, const std::string& user = "alice") {
    return service->Handle({user, "CSRC", text});
  }

  mail::Ingested Ingest(const std::string& raw) {
    auto done = intake->Ingest(raw, clock.Now());
    INFO(done.status().message());
    REQUIRE(done.ok());
    return done.value();
  }

  // Every post queued for the SRC channel so far, oldest first.
  std::vector<std::string> Posts() {
    auto pending = cases->PendingMessages(1000);
    REQUIRE(pending.ok());
    std::vector<std::string> out;
    for (const core::OutboxItem& m : pending.value()) out.push_back(m.text);
    return out;
  }

  std::string Timeline(core::CaseId id) {
    auto events = cases->Timeline(id);
    REQUIRE(events.ok());
    std::string out;
    for (const core::Event& e : events.value()) out += e.kind + ": " + e.text + "\n";
    return out;
  }
};

}  // namespace srcbot::testing
