#pragma once
// The interface to the durable state of mail (docs/mail.md): the messages the
// intake received (each once, by Message-ID) and the mail outbox. The real
// implementation is store/SqliteMailStore, on the same database as the cases.
//
// Like CaseStore, every mutation is one transaction: a message's record is
// committed with the case it opens or the event it adds, and its SRC post;
// a mail is marked sent or held with its timeline event. Queuing a mail is
// part of a Change (Change::mails), committed by whichever store commits it.
//
// Implementations must be safe to call from several threads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/case_store.h"
#include "core/change.h"
#include "core/mail.h"
#include "core/mail_compose.h"
#include "core/mail_outbox.h"
#include "core/mail_thread.h"
#include "core/result.h"

namespace srcbot::core {

// A request for the SRC's key that came with a message (core/key_reply.h).
struct KeyRequestRecord {
  std::string sender;                  // KeyRequestSender: one record per address
  std::optional<TimePoint> last_sent;  // what the intake read (LastKeyReply) and decided on
  std::string reply_id;                // the reply's Message-ID; "" when it is not answered
};

// A received message, as the intake records it.
struct ReceivedMail {
  std::string key;  // the Message-ID, or "sha256:<hex of the raw bytes>" when it has none
  InboundMail mail;
  TimePoint arrival{};
  InboundDecision decision;
  std::optional<KeyRequestRecord> key_request = std::nullopt;
};

class MailStore {
 public:
  virtual ~MailStore() = default;

  // What the store knows about the ids and cases `keys` names.
  virtual Result<KnownThreads> Known(const ThreadKeys& keys) = 0;
  // True when a message with this key was recorded already.
  virtual Result<bool> Seen(const std::string& key) = 0;

  // Unless `record.key` was recorded (then nullopt, nothing written), in one
  // transaction: for kNewCase allocates a case id and commits `build(id)`
  // (the From address becomes the case's reporter address); for a decision
  // naming a case commits `mutate` on it; otherwise (automatic mail on no
  // case) nothing but the record; for kKeyRequest commits `build(0)`, a
  // change about no case (its posts and mails only). Then the record and
  // its attachments. With `record.key_request`, the sender's last key reply
  // must still be the one the intake read (else kConflict, nothing written:
  // ingest it again), and a reply_id becomes their record, sent now: the
  // once-a-day rule holds whoever polls.
  virtual Result<std::optional<Change>> Receive(const ReceivedMail& record,
                                                const CaseStore::Creation& build,
                                                const CaseStore::Mutation& mutate) = 0;
  // A message that could not be read: the record (key, arrival) and the
  // posts about it, unless the key was recorded. True when written.
  virtual Result<bool> RecordUnreadable(const std::string& key, TimePoint arrival,
                                        const std::string& why,
                                        const std::vector<Message>& posts) = 0;

  // Posts about the mailbox itself (it cannot be read; it can again), on no
  // case and no message: to the outbox, in one transaction.
  virtual Status Notify(const std::vector<Message>& posts) = 0;

  // When the key was last sent to `sender` (KeyRequestSender); nullopt: never.
  virtual Result<std::optional<TimePoint>> LastKeyReply(const std::string& sender) = 0;

  // The reporter and their latest message on case `id`; nullopt when the
  // case came by no mail.
  virtual Result<std::optional<ReporterThread>> Thread(CaseId id) = 0;

  // The mail outbox. Pending mails due at `now`, oldest first.
  virtual Result<std::vector<MailOutboxItem>> DueMails(TimePoint now, int limit) = 0;
  virtual Result<std::int64_t> PendingMails() = 0;
  // Leaves mail `id` pending until `not_before`, noting why (a 4xx, the
  // server down, a fact missing).
  virtual Status RetryMail(std::int64_t id, TimePoint not_before, const std::string& note) = 0;
  // Marks mail `id` sent or held and commits `rule` on its case (the event,
  // and for a held mail the SRC post) in the same transaction. For a mail on
  // no case (a key reply to a bare request) `rule` gets an empty Case (id 0)
  // and its change is written as one about no case: posts only.
  virtual Result<Change> FinishMail(std::int64_t id, MailState state, const std::string& note,
                                    const CaseStore::Mutation& rule) = 0;
};

}  // namespace srcbot::core
