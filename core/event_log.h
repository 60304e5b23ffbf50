#pragma once
// Remembers which Slack event deliveries were already processed, so a retried
// or redelivered event (HTTP retries, Socket Mode reconnects) is handled once.

#include <string>

#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

class EventLog {
 public:
  virtual ~EventLog() = default;
  // Records `event_id` as seen at `now`. true: first delivery, process it;
  // false: seen before, skip it. Entries are kept at least 24 hours. Thread-safe.
  virtual Result<bool> FirstDelivery(const std::string& event_id, TimePoint now) = 0;
};

}  // namespace srcbot::core
