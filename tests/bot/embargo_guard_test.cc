#include "bot/embargo_guard.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/recording_sink.h"
#include "tests/fakes/test_egress.h"

using namespace srcbot;
using testing::Sent;

namespace {

struct Fixture {
  testing::MemoryCaseStore store;
  testing::FakeDirectory directory;
  std::shared_ptr<std::vector<Sent>> sent = std::make_shared<std::vector<Sent>>();
  testing::RecordingSink* sink = nullptr;
  std::unique_ptr<bot::EmbargoGuard> guard;

  Fixture() {
    guard = std::make_unique<bot::EmbargoGuard>(store, directory, testing::SinkOf(&sink, sent));
    (void)store.SeedMembers({"alice", "bob"}, testing::TestNow());
    core::Case c;
    c.id = 1;
    c.title = "Secret";
    c.team = {{"dana", false, true, false, ""}};
    store.cases[1] = c;
    core::Destination src{"src", false, true, false, false, false, false, {"alice", "bob"}};
    core::Destination general{"general", false, false, false, false, false, false, {"alice", "eve"}};
    directory.channels = {{"src", src}, {"general", general}};
  }
};

}  // namespace

TEST_CASE("guard: details reach the SRC channel and no public one") {
  Fixture f;
  std::string note;
  CHECK(f.guard->Deliver({1, "src", false, "Secret details", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kSent);
  CHECK(f.guard->Deliver({2, "general", false, "Secret details", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kHeld);
  CHECK(note == "channel is public");
  REQUIRE(f.sent->size() == 1);
  CHECK(f.sent->at(0).where == "src");
}

TEST_CASE("guard: a refused reply shows the fallback or the standard refusal, never the text") {
  Fixture f;
  commands::Invocation in_general{"alice", "general", "show 1"};
  CHECK(f.guard->Reply(in_general, {"Secret details", {1}, ""}) == bot::GuardOutcome::kRefused);
  CHECK(f.guard->Reply(in_general, {"Secret details", {1}, "Recorded as SRC-1."}) == bot::GuardOutcome::kRefused);
  REQUIRE(f.sent->size() == 2);
  CHECK(f.sent->at(0).text == "case details are only shown in the SRC's private channel");
  CHECK(f.sent->at(1).text == "Recorded as SRC-1.");
  CHECK(f.sent->at(0).kind == "ephemeral");
}

TEST_CASE("guard: fails closed when facts are missing, and tries again later") {
  Fixture f;
  std::string note;
  SECTION("Slack cannot be asked about the channel: not sent, kept for another try") {
    CHECK(f.guard->Deliver({1, "C404", false, "Secret", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kFailed);
    CHECK(f.guard->Reply({"alice", "C404", "show 1"}, {"Secret", {1}, ""}) == bot::GuardOutcome::kRefused);
  }
  SECTION("the roster cannot be read: not sent, kept for another try") {
    f.store.fail_next = true;
    CHECK(f.guard->Deliver({1, "src", false, "Secret", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kFailed);
  }
  SECTION("a case that does not exist never qualifies") {
    CHECK(f.guard->Deliver({1, "src", false, "Secret", {42}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kHeld);
  }
  for (const auto& s : *f.sent) CHECK(s.text != "Secret");
}

TEST_CASE("guard: direct messages go to qualifying people only") {
  Fixture f;
  std::string note;
  CHECK(f.guard->Deliver({1, "dana", true, "Secret", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kSent);
  CHECK(f.guard->Deliver({2, "eve", true, "Secret", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kHeld);
  REQUIRE(f.sent->size() == 1);
  CHECK(f.sent->at(0).kind == "direct");
}

TEST_CASE("guard: texts without case details go anywhere, and sink failures are reported") {
  Fixture f;
  std::string note;
  CHECK(f.guard->Deliver({1, "general", false, "help text", {}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kSent);
  f.sink->fail = true;
  CHECK(f.guard->Deliver({2, "src", false, "Secret", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kFailed);
}
