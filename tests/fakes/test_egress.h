#pragma once
// The tests' way to an EgressKey, for exercising a sink or the Web API's
// writing methods without a guard in front. Production code never names this
// (tests/bot/egress/egress_test.cc checks).

#include <memory>

#include "bot/egress/egress_key.h"
#include "bot/egress/embargo_guard.h"

namespace srcbot::testing {

struct TestEgress {
  static const bot::EgressKey& Key() {
    static const bot::EgressKey key;
    return key;
  }
};

// A SinkFactory for an EmbargoGuard that makes an S(key, args...) and, when
// `out` is not null, says where it is (so the test can look at it).
template <class S, class... Args>
bot::EmbargoGuard::SinkFactory SinkOf(S** out, Args... args) {
  return [=](const bot::EgressKey& key) {
    auto sink = std::make_unique<S>(key, args...);
    if (out != nullptr) *out = sink.get();
    return sink;
  };
}

}  // namespace srcbot::testing
