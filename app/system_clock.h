#pragma once
// The real clock: the only place in srcbot that reads the system time.

#include "core/time.h"

namespace srcbot::app {

class SystemClock : public core::Clock {
 public:
  core::TimePoint Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace srcbot::app
