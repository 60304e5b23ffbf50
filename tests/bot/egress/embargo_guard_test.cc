#include "bot/egress/embargo_guard.h"

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

TEST_CASE("guard: every decision about a case is recorded with it, naming no detail", "[embargo]") {
  Fixture f;
  std::string note;
  (void)f.guard->Deliver({1, "src", false, "Secret details", {1}, {}, 0, "", {}}, &note);
  (void)f.guard->Deliver({2, "general", false, "Secret details", {1}, {}, 0, "", {}}, &note);
  (void)f.guard->Deliver({3, "C404", false, "Secret details", {1}, {}, 0, "", {}}, &note);
  (void)f.guard->Reply({"eve", "general", "show SRC-1"}, {"Secret details", {1}, ""});
  (void)f.guard->Deliver({4, "general", false, "help text", {}, {}, 0, "", {}}, &note);
  auto decisions = f.store.Decisions(1);
  REQUIRE(decisions.ok());
  REQUIRE(decisions.value().size() == 4);  // the text about no case is not recorded
  const auto& d = decisions.value();
  CHECK((d[0].outcome == "sent" && d[0].kind == "post" && d[0].destination == "src"));
  CHECK((d[1].outcome == "refused" && d[1].destination == "general" && d[1].reason == "channel is public"));
  CHECK((d[2].outcome == "held" && d[2].reason == "channel facts unavailable"));
  CHECK((d[3].outcome == "refused" && d[3].kind == "ack" && d[3].recipient == "eve"));
  for (const auto& row : d) CHECK(row.reason.find("Secret") == std::string::npos);
}

TEST_CASE("guard: a decision that cannot be recorded is not acted on", "[embargo]") {
  Fixture f;
  std::string note;
  // MemoryCaseStore refuses records about a case it does not hold: make the
  // record fail for a case the guard can still load.
  struct NoRecordStore : testing::MemoryCaseStore {
    core::Status RecordDecisions(const std::vector<core::EmbargoDecision>&) override {
      return core::Status::Unavailable("disk full (test)");
    }
  } store;
  store.cases = f.store.cases;
  (void)store.SeedMembers({"alice", "bob"}, testing::TestNow());
  std::shared_ptr<std::vector<Sent>> sent = std::make_shared<std::vector<Sent>>();
  bot::EmbargoGuard guard(store, f.directory, testing::SinkOf<testing::RecordingSink>(nullptr, sent));
  CHECK(guard.Deliver({1, "src", false, "Secret", {1}, {}, 0, "", {}}, &note) == bot::GuardOutcome::kFailed);
  CHECK(note.starts_with("decision not recorded"));
  CHECK(guard.ReplyText({"alice", "src", "show SRC-1"}, {"Secret", {1}, ""}, nullptr).text() ==
        core::kRefusalText);
  CHECK(sent->empty());
}

TEST_CASE("guard: a release post is made from the public fields, and only after release", "[embargo]") {
  Fixture f;
  std::string note;
  core::OutboxItem post{5, "general", false, "Secret smuggled in the item", {}, {}, 0, "", 1};
  CHECK(f.guard->Deliver(post, &note) == bot::GuardOutcome::kHeld);
  CHECK(note == "case not released");
  core::Case& c = f.store.cases[1];
  c.embargoed = false;
  c.released_at = testing::TestNow();
  c.repo = "acme/widget";
  c.fixed_version = "2.0.1";
  CHECK(f.guard->Deliver(post, &note) == bot::GuardOutcome::kSent);
  REQUIRE(f.sent->size() == 1);
  CHECK(f.sent->at(0).where == "general");
  CHECK(f.sent->at(0).text.find("acme/widget 2.0.1") != std::string::npos);
  CHECK(f.sent->at(0).text.find("Secret") == std::string::npos);  // neither the item's text nor the title
  auto decisions = f.store.Decisions(1).value();
  CHECK(decisions.back().kind == "release");
  CHECK(decisions.back().outcome == "sent");
}

TEST_CASE("guard: modals and App Home views are judged like a DM to their one reader", "[embargo]") {
  Fixture f;
  commands::Invocation eve{"eve", "general", "report"};
  commands::Invocation dana{"dana", "general", "report"};
  nlohmann::json view = {{"type", "modal"}};
  CHECK(f.guard->OpenModal(eve, "T.1", view, {}) == bot::GuardOutcome::kSent);  // blank form
  CHECK(f.guard->OpenModal(eve, "T.2", view, {1}) == bot::GuardOutcome::kRefused);
  CHECK(f.guard->OpenModal(dana, "T.3", view, {1}) == bot::GuardOutcome::kSent);  // on the fix team
  CHECK(f.guard->PublishHome("eve", {{"type", "home"}}, {1}) == bot::GuardOutcome::kRefused);
  CHECK(f.guard->PublishHome("alice", {{"type", "home"}}, {1}) == bot::GuardOutcome::kSent);
  std::vector<std::string> kinds;
  for (const auto& s : *f.sent) kinds.push_back(s.kind + ":" + s.where);
  CHECK(kinds == std::vector<std::string>{"modal:T.1", "modal:T.3", "home:alice"});
}
