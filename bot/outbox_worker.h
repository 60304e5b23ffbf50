#pragma once
// Delivers committed outbox messages through the embargo guard and records the
// outcome of each: sent, held (the guard refused or lacked facts), or left
// pending after a failed attempt so it is tried again.

#include "bot/embargo_guard.h"
#include "core/case_store.h"

namespace srcbot::bot {

struct DrainReport {
  int sent = 0;
  int held = 0;
  int failed = 0;
};

class OutboxWorker {
 public:
  OutboxWorker(core::CaseStore& store, EmbargoGuard& guard) : store_(store), guard_(guard) {}

  // Delivers up to `limit` pending messages, oldest first.
  DrainReport Drain(int limit = 100);

 private:
  core::CaseStore& store_;
  EmbargoGuard& guard_;
};

}  // namespace srcbot::bot
