#pragma once
// A clock the test sets and advances by hand.

#include "core/time.h"

namespace srcbot::testing {

class FakeClock : public core::Clock {
 public:
  explicit FakeClock(core::TimePoint now) : now_(now) {}
  core::TimePoint Now() const override { return now_; }
  void Set(core::TimePoint t) { now_ = t; }
  void Advance(core::Duration d) { now_ += d; }

 private:
  core::TimePoint now_;
};

// 2026-11-25T12:00:00Z, a Wednesday.
inline core::TimePoint TestNow() { return *core::ParseIsoTime("2026-11-25T12:00:00Z"); }

}  // namespace srcbot::testing
