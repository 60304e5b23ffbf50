#include "integrations/mail/mail_intake.h"

#include "core/mail_intake.h"
#include "core/oncall.h"
#include "integrations/mail/gmime_support.h"

namespace srcbot::mail {
namespace {

void Address(core::Change& change, const std::string& src) {
  for (core::Message& m : change.messages) {
    if (m.audience == core::Audience::kSrcChannel) {
      m.audience = core::Audience::kChannel;
      m.target = src;
    }
  }
}

Ingested::Outcome OutcomeOf(core::InboundAction action) {
  switch (action) {
    case core::InboundAction::kNewCase:
      return Ingested::Outcome::kNewCase;
    case core::InboundAction::kAppend:
      return Ingested::Outcome::kAppended;
    case core::InboundAction::kDuplicate:
      return Ingested::Outcome::kDuplicate;
    case core::InboundAction::kRecordOnly:
      break;
  }
  return Ingested::Outcome::kRecorded;
}

}  // namespace

MailIntake::MailIntake(core::MailStore& store, const core::Clock& clock, IntakeSettings settings,
                       IntakeLog log)
    : store_(store), clock_(clock), settings_(std::move(settings)), log_(std::move(log)) {}

core::Result<Ingested> MailIntake::Unreadable(std::string_view raw, core::TimePoint arrival,
                                              const std::string& why) {
  core::Message post{core::Audience::kChannel,
                     settings_.src_channel,
                     core::UnreadableMailPost(settings_.failed_folder, why),
                     {},
                     "",
                     {}};
  auto written = store_.RecordUnreadable("sha256:" + Sha256Hex(raw), arrival, why, {post});
  if (!written.ok()) return written.status();
  return Ingested{Ingested::Outcome::kUnreadable, 0, !written.value()};
}

// A key the sender offered is kept for their address (GpgKeyring::ImportFor
// checks that it names it); later mail to them is encrypted (PgpTransform).
void MailIntake::KeepOfferedKeys(core::InboundMail& mail) const {
  const GpgKeyring* keyring = settings_.parse.keyring;
  if (keyring == nullptr || mail.from.address.empty()) return;
  for (const std::string& key : mail.openpgp_keys) {
    auto kept = keyring->ImportFor(key, mail.from.address);
    mail.problems.push_back(kept.ok() ? "the sender's OpenPGP key " + kept.value() +
                                            " was kept: mail to them is encrypted from now on"
                                      : "an OpenPGP key in the mail was not kept: " +
                                            kept.status().message());
  }
}

core::Result<Ingested> MailIntake::Ingest(std::string_view raw, core::TimePoint arrival) {
  auto parsed = ParseMail(raw, settings_.parse);
  if (!parsed.ok()) return Unreadable(raw, arrival, parsed.status().message());
  core::InboundMail& mail = parsed.value();
  KeepOfferedKeys(mail);
  auto known = store_.Known(core::KeysOf(mail));
  if (!known.ok()) return known.status();
  core::ReceivedMail record{
      mail.message_id.empty() ? "sha256:" + mail.raw_sha256_hex : mail.message_id, mail,
      core::ReceivedTime(mail, arrival), core::ClassifyInbound(mail, known.value())};
  if (record.decision.action == core::InboundAction::kDuplicate) {
    return Ingested{Ingested::Outcome::kDuplicate, record.decision.case_id, true};
  }
  const core::TimePoint now = clock_.Now();
  const core::UserId on_call =
      record.decision.action == core::InboundAction::kNewCase && settings_.on_call
          ? settings_.on_call(now)
          : core::UserId();
  auto build = [&](core::CaseId id) -> core::Result<core::Change> {
    auto change = core::OpenFromMail(id, mail, record.arrival, now);
    if (!change.ok()) return change;
    core::LeadByOnCall(change.value(), on_call, now);
    Address(change.value(), settings_.src_channel);
    return change;
  };
  auto mutate = [&](const core::Case& current) -> core::Result<core::Change> {
    core::Change change = record.decision.action == core::InboundAction::kAppend
                              ? core::AppendMail(current, mail, record.decision, now)
                              : core::RecordAutomaticMail(current, mail, now);
    Address(change, settings_.src_channel);
    return change;
  };
  auto received = store_.Receive(record, build, mutate);
  if (!received.ok()) return received.status();
  if (!received.value()) {
    return Ingested{Ingested::Outcome::kDuplicate, record.decision.case_id, true};
  }
  core::CaseId id = received.value()->after.id;
  return Ingested{OutcomeOf(record.decision.action), id};
}

core::Result<PollReport> MailIntake::PollOnce(Mailbox& mailbox) {
  if (!folders_ready_) {
    for (const std::string* f : {&settings_.done_folder, &settings_.failed_folder}) {
      if (core::Status s = mailbox.EnsureFolder(*f); !s.ok()) return s;
    }
    folders_ready_ = true;
  }
  auto uids = mailbox.ListUids(settings_.folder);
  if (!uids.ok()) return uids.status();
  PollReport report;
  for (std::uint32_t uid : uids.value()) {
    auto raw = mailbox.Fetch(settings_.folder, uid);
    if (!raw.ok()) return raw.status();
    auto done = Ingest(raw.value(), clock_.Now());
    if (!done.ok()) return done.status();  // not committed: it stays for the next poll
    const bool unreadable = done.value().outcome == Ingested::Outcome::kUnreadable;
    if (done.value().repeated) {
      ++report.duplicates;
    } else {
      ++report.ingested;
    }
    const std::string& to = unreadable ? settings_.failed_folder : settings_.done_folder;
    if (core::Status s = mailbox.Move(settings_.folder, uid, to); !s.ok()) {
      // Committed already: the next poll finds it recorded and moves it then.
      ++report.move_failures;
      Note("mail: message " + std::to_string(uid) + " not moved to " + to + ": " + s.message());
      continue;
    }
    ++report.moved;
  }
  return report;
}

}  // namespace srcbot::mail
