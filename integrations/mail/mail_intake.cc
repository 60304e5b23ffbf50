#include "integrations/mail/mail_intake.h"

#include "core/key_reply.h"
#include "core/mail_intake.h"
#include "core/mail_pgp.h"
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
    case core::InboundAction::kKeyRequest:
      return Ingested::Outcome::kKeyRequest;
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

core::Status MailIntake::PlanKeyRequest(core::ReceivedMail& record) const {
  const std::optional<KeyReplies>& replies = settings_.key_replies;
  // Automatic mail (kRecordOnly) and threads are never answered: only a
  // message that would open a case can be a request.
  if (!replies || record.decision.action != core::InboundAction::kNewCase) return {};
  if (!core::AsksForKey(record.mail)) return {};
  const std::string sender = core::KeyRequestSender(record.mail.from);
  // Never to ourselves: a loop of key replies would need only one forgery.
  if (sender.empty() || sender == core::KeyRequestSender(replies->from)) return {};
  auto last = store_.LastKeyReply(sender);
  if (!last.ok()) return last.status();
  std::string reply_id;
  if (core::KeyReplyDue(last.value(), clock_.Now())) {
    reply_id = replies->message_id ? replies->message_id() : std::string();
    if (reply_id.empty()) {
      Note("mail: no Message-ID could be made; the key request of " + sender +
           " is handled as new mail");
      return {};
    }
  }
  record.key_request = core::KeyRequestRecord{sender, last.value(), reply_id};
  const std::string note = core::KeyRequestNote(last.value(), reply_id);
  if (core::IsBareKeyRequest(record.mail)) {
    record.decision = {core::InboundAction::kKeyRequest, 0, "a bare key request; " + note};
  } else {
    record.decision.reason += "; " + note;
  }
  return {};
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
  if (core::Status s = PlanKeyRequest(record); !s.ok()) return s;
  const core::TimePoint now = clock_.Now();
  // The answer to a key request, on case `id` (0: none); nullopt: no request.
  auto key_request = [&](core::CaseId id) -> std::optional<core::KeyRequest> {
    if (!record.key_request) return std::nullopt;
    core::KeyRequest r{record.key_request->last_sent, std::nullopt};
    if (!record.key_request->reply_id.empty()) {
      const KeyReplies& k = *settings_.key_replies;
      r.reply =
          core::KeyReplyMail(mail, id, k.from, k.project, k.key, record.key_request->reply_id, now);
    }
    return r;
  };
  const core::UserId on_call =
      record.decision.action == core::InboundAction::kNewCase && settings_.on_call
          ? settings_.on_call(now)
          : core::UserId();
  auto build = [&](core::CaseId id) -> core::Result<core::Change> {
    if (record.decision.action == core::InboundAction::kKeyRequest) {
      core::Change answer = core::BareKeyRequest(mail, *key_request(0));
      Address(answer, settings_.src_channel);
      return answer;
    }
    auto change = core::OpenFromMail(id, mail, record.arrival, now);
    if (!change.ok()) return change;
    if (auto request = key_request(id)) core::AnswerInCase(change.value(), *request, now);
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
  const bool key_sent = record.key_request && !record.key_request->reply_id.empty();
  return Ingested{OutcomeOf(record.decision.action), id, false, key_sent};
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
