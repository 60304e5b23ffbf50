#pragma once
// Delivers committed outbox messages through the embargo guard and records the
// outcome of each: sent, held (the guard refused or lacked facts), or left
// pending after a failed attempt so it is tried again (docs/delivery.md).
//
// Order is kept per channel: once a message for a channel fails in a pass,
// the later messages for that channel are skipped in that pass (they stay
// pending), so a channel never sees message 2 before message 1. Other
// channels go on. Each message is marked in the store right after its own
// send, never in a batch, so a crash repeats at most the one message in flight.
//
// Thread-safe: concurrent Drain calls run one after the other.

#include <functional>
#include <mutex>

#include "bot/egress/embargo_guard.h"
#include "core/case_store.h"

namespace srcbot::bot {

struct DrainReport {
  int sent = 0;
  int held = 0;
  int failed = 0;        // the sink failed; the message stays pending
  int skipped = 0;       // behind a failed message for the same channel; stays pending
  int store_errors = 0;  // reading or marking failed; the pass stopped there
  bool stopped = false;  // `stop` said so before the pass was done

  // Whether anything in the pass calls for a pause before trying again.
  bool Troubled() const { return failed > 0 || store_errors > 0; }
};

class OutboxWorker {
 public:
  OutboxWorker(core::CaseStore& store, EmbargoGuard& guard) : store_(store), guard_(guard) {}

  // Delivers up to `limit` pending messages, oldest first. `stop`, when set,
  // is asked before each message; returning true ends the pass early.
  DrainReport Drain(int limit = 100, const std::function<bool()>& stop = nullptr);

 private:
  core::CaseStore& store_;
  EmbargoGuard& guard_;
  std::mutex drain_mutex_;
};

}  // namespace srcbot::bot
