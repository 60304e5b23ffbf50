#pragma once
// Which case a received message belongs to, and whether to answer it
// (SPEC §7, "Intake"). Pure: the caller looks up what the store knows about
// the message's ids (ThreadKeys) and hands it in as KnownThreads.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/case.h"
#include "core/mail.h"

namespace srcbot::core {

// What the store knows that threading needs. Only the entries for the ids a
// message names are required (ThreadKeys says which).
struct KnownThreads {
  // Message-IDs (no angle brackets) of mail received for a case.
  std::map<std::string, CaseId> received;
  // Message-IDs of mail srcbot sent for a case.
  std::map<std::string, CaseId> sent;
  // Each case's reporter address (the case's private contact).
  std::map<CaseId, std::string> reporters;
};

// The lookups ClassifyInbound needs for `mail`: its own Message-ID (dedupe),
// the ids in In-Reply-To and References, and the cases `[SRC-n]` in the
// Subject names (whose reporters are needed).
struct ThreadKeys {
  std::vector<std::string> message_ids;
  std::vector<CaseId> subject_cases;
};
ThreadKeys KeysOf(const InboundMail& mail);

enum class InboundAction {
  kNewCase,     // open a case from it
  kAppend,      // correspondence on `case_id`'s timeline
  kRecordOnly,  // automatic mail: recorded (on `case_id` when threaded), never answered
  kDuplicate,   // received before (same Message-ID): nothing to do but move it
  // A bare request for the SRC's key (IsBareKeyRequest, core/mail_pgp.h),
  // answered without a case. ClassifyInbound never decides it: the intake
  // turns a kNewCase into it when srcbot can answer (--pgp-home and SMTP).
  kKeyRequest,
};

struct InboundDecision {
  InboundAction action = InboundAction::kNewCase;
  CaseId case_id = 0;  // kAppend, kDuplicate; kRecordOnly when threaded; else 0
  std::string reason;  // for the record, e.g. "In-Reply-To names mail sent for SRC-3"
};

// Decides, in this order:
//  1. its Message-ID was received before → kDuplicate (a crash between commit
//     and folder move must not make a second case);
//  2. automatic mail (IsAutomatic) → kRecordOnly, on the thread's case if any;
//  3. In-Reply-To, then References newest first, naming a Message-ID sent or
//     received for case n → kAppend to n;
//  4. `[SRC-n]` in the Subject, From being case n's reporter (compared
//     without regard to case) → kAppend to n. Anyone else's `[SRC-n]` is
//     a stranger's and opens a new case: a subject is trivially forged;
//  5. otherwise kNewCase.
InboundDecision ClassifyInbound(const InboundMail& mail, const KnownThreads& known);

// True for auto-replies, bounces and list traffic: Auto-Submitted other than
// "no", Precedence bulk, junk or list, a List-Id, a null or MAILER-DAEMON
// return path, a From of MAILER-DAEMON, or a delivery report.
bool IsAutomatic(const InboundMail& mail);

// The case numbers of every `[SRC-n]` tag in `subject` ("[src-7]" too), in order.
std::vector<CaseId> SubjectCaseTags(const std::string& subject);

}  // namespace srcbot::core
