#pragma once
// A mail waiting in the mail outbox (SPEC §7, "Correspondence"): queued in the
// transaction of the change that causes it (Change::mails), sent at least
// once by the mail delivery, judged by the mail guard (core/mail_guard.h)
// with fresh facts before it leaves. Plain values. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/case.h"
#include "core/mail.h"
#include "core/time.h"

namespace srcbot::core {

// What a mail is: the guard judges each kind by its own rule.
enum class MailKind {
  kAck,             // the acknowledgement to the reporter (`ack`)
  kCorrespondence,  // an SRC member's words to the reporter (`mail`)
  kAnnouncement,    // the release announcement to --announce-list (`release`)
  kRetrospective,   // the retrospective to --retro-list (`retro --send`)
  kKeyReply,        // the SRC's public key to whoever asked for it (core/key_reply.h)
};

// "ack", "mail", "announcement", "retrospective", "key-reply"
std::string_view MailKindName(MailKind kind);
std::optional<MailKind> ParseMailKind(std::string_view name);

// True for the kinds that go to a list; only public fields, and only after release.
inline bool IsListMail(MailKind kind) {
  return kind == MailKind::kAnnouncement || kind == MailKind::kRetrospective;
}

struct QueuedMail {
  // 0 in a Change: the store fills in the change's case. A key reply to a
  // bare key request belongs to no case and stays 0; no other kind may.
  CaseId case_id = 0;
  MailKind kind = MailKind::kCorrespondence;
  OutgoingMail mail;  // complete: its Message-ID is fixed when it is queued
};

enum class MailState { kPending, kSent, kHeld };
std::string_view MailStateName(MailState state);  // "pending", "sent", "held"

// A committed mail, as the delivery reads it.
struct MailOutboxItem {
  std::int64_t id = 0;
  QueuedMail queued;
  TimePoint created_at{};
  TimePoint not_before{};  // not tried before this (the backoff after a 4xx)
  int attempts = 0;
};

}  // namespace srcbot::core
