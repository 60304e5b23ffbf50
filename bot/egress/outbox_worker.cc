#include "bot/egress/outbox_worker.h"

#include <set>
#include <string>

#include "bot/observability/log.h"

namespace srcbot::bot {

DrainReport OutboxWorker::Drain(int limit, const std::function<bool()>& stop) {
  // Two passes at once would deliver the same pending row twice.
  std::lock_guard<std::mutex> lock(drain_mutex_);
  DrainReport report;
  auto pending = store_.PendingMessages(limit);
  if (!pending.ok()) {
    ++report.store_errors;
    return report;
  }
  std::set<std::string> blocked;  // channels with a failed message in this pass
  for (const core::OutboxItem& item : pending.value()) {
    if (stop && stop()) {
      report.stopped = true;
      break;
    }
    if (blocked.count(item.channel) > 0) {
      ++report.skipped;
      continue;
    }
    std::string note;
    GuardOutcome outcome = guard_.Deliver(item, &note);
    core::OutboxState state = core::OutboxState::kPending;
    if (outcome == GuardOutcome::kSent) {
      ++report.sent;
      state = core::OutboxState::kSent;
    } else if (outcome == GuardOutcome::kHeld) {
      // Held is final for this message; the next one may still qualify.
      ++report.held;
      state = core::OutboxState::kHeld;
    } else {
      // Stays pending: the transport failed, the message is still owed. The
      // note is the guard's or the sink's: fixed texts and Slack error codes.
      ++report.failed;
      blocked.insert(item.channel);
      Log(LogLevel::kWarn, "outbox", "message not delivered; it stays pending",
          {{"outbox_id", item.id}, {"case_ids", item.about}, {"error", note}});
    }
    // Marked at once, not at the end of the pass: a crash between Slack's
    // answer and this commit repeats only this message.
    if (!store_.MarkMessage(item.id, state, note).ok()) {
      // A store that cannot record what was sent would have us send it again
      // and again: stop the pass and let the caller back off.
      ++report.store_errors;
      break;
    }
  }
  return report;
}

}  // namespace srcbot::bot
