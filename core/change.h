#pragma once
// What one command does to one case: the state after it, the timeline events it
// appends and the messages and mails it causes. Committed together or not at all.

#include <vector>

#include "core/case.h"
#include "core/event.h"
#include "core/mail_outbox.h"
#include "core/message.h"

namespace srcbot::core {

struct Change {
  Case after;
  std::vector<Event> events;      // case_id may be 0 on create; the store fills it
  std::vector<Message> messages;  // queued in the outbox in the same transaction
  std::vector<QueuedMail> mails = {};  // queued in the mail outbox in the same transaction
};

}  // namespace srcbot::core
