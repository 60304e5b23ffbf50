#include "bot/outbox_worker.h"

namespace srcbot::bot {

DrainReport OutboxWorker::Drain(int limit) {
  DrainReport report;
  auto pending = store_.PendingMessages(limit);
  if (!pending.ok()) return report;
  for (const core::OutboxItem& item : pending.value()) {
    std::string note;
    GuardOutcome outcome = guard_.Deliver(item, &note);
    core::Status st = core::Status::Ok();
    if (outcome == GuardOutcome::kSent) {
      ++report.sent;
      st = store_.MarkMessage(item.id, core::OutboxState::kSent, note);
    } else if (outcome == GuardOutcome::kHeld) {
      ++report.held;
      st = store_.MarkMessage(item.id, core::OutboxState::kHeld, note);
    } else {
      // Stays pending: the transport failed, the message is still owed.
      ++report.failed;
      st = store_.MarkMessage(item.id, core::OutboxState::kPending, note);
    }
    (void)st;  // a failed mark leaves the message pending; at worst it is delivered again
  }
  return report;
}

}  // namespace srcbot::bot
