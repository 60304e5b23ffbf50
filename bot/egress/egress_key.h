#pragma once
// EgressKey: the proof, checked by the compiler, that a caller is the
// EmbargoGuard. Everything that can put text in front of people takes one in
// its constructor: every MessageSink, and a SlackWebApi allowed to call Slack's
// writing methods (chat.*, views.*). Only the guard can make a key, so only the
// guard can make those objects, and every outbound message passes it.
//
// Tests that exercise a sink or the Web API's writing methods on their own get
// a key from testing::TestEgress (tests/fakes/test_egress.h); a test
// (tests/bot/egress/egress_test.cc) checks that nothing outside tests/ names it.

namespace srcbot::testing {
struct TestEgress;
}

namespace srcbot::bot {

class EgressKey {
 public:
  EgressKey(const EgressKey&) = delete;
  EgressKey& operator=(const EgressKey&) = delete;

 private:
  EgressKey() = default;
  friend class EmbargoGuard;
  friend struct srcbot::testing::TestEgress;
};

}  // namespace srcbot::bot
