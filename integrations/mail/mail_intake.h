#pragma once
// MailIntake: messages in the SRC's mailbox become cases (SPEC §7,
// "Intake"). For each message: parse (mime_parser.h), classify
// (core::ClassifyInbound with what the MailStore knows), and commit the case
// change, its SRC-channel post and the message's record in one transaction
// (core::MailStore::Receive); only then move it to the done folder. A crash
// between commit and move leaves the message in the folder: the next poll
// finds its Message-ID recorded and only moves it. A message the parser
// cannot read is recorded (by the SHA-256 of its bytes), reported to the SRC
// channel without its content, and moved to the failed folder.
//
// With KeyReplies set, a new thread asking for the SRC's key (core/mail_pgp.h)
// is answered with the key, at most once a day per sender, the reply queued
// in the same transaction: a bare request on no case (kKeyRequest), a report
// that also asks on the case it opens (core/key_reply.h).
//
// The console's `:mail-in` hands Ingest a file's bytes directly.
//
// Not thread-safe: one thread polls (a bot::PeriodicTask), or the console.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/case.h"
#include "core/key_reply.h"
#include "core/mail_store.h"
#include "core/time.h"
#include "integrations/mail/mailbox.h"
#include "integrations/mail/mime_parser.h"

namespace srcbot::mail {

// Answering requests for the SRC's key (SPEC §7, "OpenPGP"; docs/mail.md,
// "Key requests"): srcbot needs its key (--pgp-home) and a way to send
// (--mail-smtp-url, --mail-from).
struct KeyReplies {
  core::MailAddress from;  // --mail-from
  std::string project;     // for the signature
  core::SrcKey key;
  std::function<std::string()> message_id;  // a fresh Message-ID ("" when none could be made)
};

struct IntakeSettings {
  std::string folder = "INBOX";                  // watched
  std::string done_folder = "srcbot/processed";  // --mail-done-folder
  std::string failed_folder = "srcbot/failed";
  std::string src_channel;  // where the posts go (channel id)
  ParseOptions parse;       // max_bytes from --mail-max-bytes
  // Who is on call at a time (empty: nobody); a new report pings them and
  // they lead it, as for `report` (SPEC §5). May be empty.
  std::function<core::UserId(core::TimePoint)> on_call = {};
  // Unset: a key request is new mail like any other (a case).
  std::optional<KeyReplies> key_replies = std::nullopt;
};

// What Ingest did with one message.
struct Ingested {
  // kKeyRequest: a bare request for the SRC's key, answered without a case.
  enum class Outcome { kNewCase, kAppended, kRecorded, kDuplicate, kUnreadable, kKeyRequest };
  Outcome outcome = Outcome::kRecorded;
  core::CaseId case_id = 0;  // the case it opened or joined; 0 for none
  bool repeated = false;     // recorded before (kDuplicate, or an unreadable one seen again)
  bool key_sent = false;     // it asked for the SRC's key, and the reply is queued
};

struct PollReport {
  int ingested = 0;  // committed (new, appended, recorded or unreadable)
  int duplicates = 0;
  int moved = 0;
  int move_failures = 0;  // committed, not moved: the next poll moves them
};

using IntakeLog = std::function<void(const std::string&)>;

class MailIntake {
 public:
  // Nothing owned; everything must outlive the intake. `log` may be empty.
  MailIntake(core::MailStore& store, const core::Clock& clock, IntakeSettings settings,
             IntakeLog log = {});

  // Parses, classifies and commits one message that reached the mailbox at
  // `arrival`. A store failure is returned (nothing committed: try again).
  core::Result<Ingested> Ingest(std::string_view raw, core::TimePoint arrival);

  // Every message in the watched folder, oldest first: fetched, ingested,
  // moved. Stops at the first mailbox or store failure and returns it
  // (nothing is lost: what was not committed stays in the folder).
  core::Result<PollReport> PollOnce(Mailbox& mailbox);

  const IntakeSettings& settings() const { return settings_; }

 private:
  void KeepOfferedKeys(core::InboundMail& mail) const;
  // Reads when the sender last got the key and fills `record.key_request`;
  // turns a bare request into kKeyRequest. Nothing when it is no request
  // srcbot can answer.
  core::Status PlanKeyRequest(core::ReceivedMail& record) const;
  core::Result<Ingested> Unreadable(std::string_view raw, core::TimePoint arrival,
                                    const std::string& why);
  void Note(const std::string& line) const {
    if (log_) log_(line);
  }

  core::MailStore& store_;
  const core::Clock& clock_;
  const IntakeSettings settings_;
  IntakeLog log_;
  bool folders_ready_ = false;
};

}  // namespace srcbot::mail
