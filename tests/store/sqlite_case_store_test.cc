#include "store/sqlite_case_store.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/store/case_fixtures.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

using namespace srcbot::store::testing;

TEST_CASE("store: a created case and its timeline survive close and reopen") {
  TempDir dir;
  FakeClock clock{TestNow()};
  core::Case full = FullCase();
  core::CaseId id = 0;
  {
    auto store = OpenOrFail(dir.File("srcbot.db"), clock);
    auto made = store->Create([&](core::CaseId new_id) -> core::Result<core::Change> {
      core::Change change = Keep(full);
      change.after.id = new_id;
      change.events = {Ev("reported", T(2000)), Ev("acknowledged", T(3000), new_id)};
      return change;
    });
    REQUIRE(made.ok());
    id = made.value().after.id;
    CHECK(made.value().events[0].case_id == id);  // filled in by the store
    CHECK(CreateOrFail(*store) == id + 1);        // all optionals unset, defaults
  }
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  full.id = id;
  CheckSameCase(store->Load(id).value(), full);
  core::Case defaults;
  defaults.id = id + 1;
  CheckSameCase(store->Load(id + 1).value(), defaults);

  auto timeline = store->Timeline(id);
  REQUIRE(timeline.ok());
  REQUIRE(timeline.value().size() == 2);
  CHECK(timeline.value()[0].kind == "reported");
  CHECK(timeline.value()[0].case_id == id);
  CHECK(timeline.value()[0].at == T(2000));
  CHECK(timeline.value()[0].actor == "U1");
  CHECK(timeline.value()[0].channel == "CSRC");
  CHECK(timeline.value()[0].text == "reported happened");
  CHECK(timeline.value()[1].kind == "acknowledged");
}

TEST_CASE("store: Update applies state, team, timeline and outbox together") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("u.db"), clock);
  core::CaseId id = CreateOrFail(*store, FullCase());
  auto updated = store->Update(id, [&](const core::Case& current) -> core::Result<core::Change> {
    core::Change change = Keep(current);
    change.after.stage = core::Stage::kClosed;
    change.after.cvss_score.reset();
    change.after.team = {TeamMate("UNEW")};
    change.events = {Ev("closed", T(9500))};
    change.messages = {ToChannel("SRC closed", {id})};
    return change;
  });
  REQUIRE(updated.ok());
  core::Case after = store->Load(id).value();
  CHECK(after.stage == core::Stage::kClosed);
  CHECK_FALSE(after.cvss_score.has_value());
  REQUIRE(after.team.size() == 1);
  CHECK(after.team[0].user == "UNEW");
  CHECK(store->Timeline(id).value().back().kind == "closed");
  CHECK(PendingCount(*store) == 1);

  CHECK(store->List(false).value().empty());
  CHECK(store->List(true).value().size() == 1);
  auto missing =
      store->Update(99, [](const core::Case& c) -> core::Result<core::Change> { return Keep(c); });
  CHECK(missing.status().code() == core::Code::kNotFound);
  CHECK(missing.status().message() == "no case SRC-99");
  CHECK(store->Load(99).status().code() == core::Code::kNotFound);
  CHECK(store->Timeline(99).status().code() == core::Code::kNotFound);
}

TEST_CASE("store: a failed mutation or an unaddressed message writes nothing") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("r.db"), clock);
  core::CaseId id = CreateOrFail(*store, FullCase());
  REQUIRE(store
              ->Update(id,
                       [&](const core::Case& c) -> core::Result<core::Change> {
                         core::Change change = Keep(c);
                         change.messages = {ToChannel("queued", {id})};
                         return change;
                       })
              .ok());

  auto check_unchanged = [&] {
    core::Case expected = FullCase();
    expected.id = id;
    CheckSameCase(store->Load(id).value(), expected);
    CHECK(store->Timeline(id).value().size() == 1);
    CHECK(PendingCount(*store) == 1);
    CHECK(store->List(true).value().size() == 1);
  };
  auto writes_then = [&](core::Result<core::Change> outcome) {
    return [=](const core::Case& c) -> core::Result<core::Change> {
      if (!outcome.ok()) return outcome;
      core::Change change = outcome.value();
      change.after = c;
      change.after.title = "changed";
      change.events = {Ev("changed", T(1))};
      return change;
    };
  };

  auto refused = store->Update(id, writes_then(core::Status::Conflict("not now")));
  CHECK(refused.status().code() == core::Code::kConflict);
  CHECK(refused.status().message() == "not now");
  check_unchanged();

  core::Change unaddressed;
  unaddressed.messages = {ToChannel("ok"), Msg(Audience::kSrcChannel, "", "to the SRC")};
  auto bad = store->Update(id, writes_then(unaddressed));
  CHECK(bad.status().code() == core::Code::kInternal);
  CHECK(bad.status().message().find("message not addressed") != std::string::npos);
  check_unchanged();

  auto bad_create =
      store->Create(Report(FullCase(), {Msg(Audience::kSrcChannel, "", "to the SRC")}));
  CHECK(bad_create.status().code() == core::Code::kInternal);
  auto failed_create = store->Create([](core::CaseId) -> core::Result<core::Change> {
    return core::Status::Invalid("bad title");
  });
  CHECK(failed_create.status().code() == core::Code::kInvalidArgument);
  auto throwing = store->Update(id, [](const core::Case&) -> core::Result<core::Change> {
    throw std::runtime_error("boom");
  });
  CHECK(throwing.status().code() == core::Code::kInternal);
  check_unchanged();
}

TEST_CASE("store: case ids count up from 1 and are never reused") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string path = dir.File("ids.db");
  {
    auto store = OpenOrFail(path, clock);
    CHECK(CreateOrFail(*store) == 1);
    CHECK(CreateOrFail(*store) == 2);
    CHECK(CreateOrFail(*store) == 3);
  }
  {
    // Deleting the newest case (by hand; srcbot never does) frees no id.
    auto raw = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite);
    REQUIRE(raw.ok());
    REQUIRE(raw.value()
                ->Exec("DELETE FROM timeline WHERE case_id = 3; DELETE FROM cases WHERE "
                       "id = 3",
                       "delete")
                .ok());
  }
  auto store = OpenOrFail(path, clock);
  CHECK(CreateOrFail(*store) == 4);
  auto listed = store->List(false).value();
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].id == 1);
  CHECK(listed[2].id == 4);
}

TEST_CASE("store: outbox messages wait as pending until marked") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("o.db"), clock);
  auto made = store->Create(
      Report(core::Case(), {ToChannel("to channel", {1}), Msg(Audience::kUser, "U9", "to user")}));
  REQUIRE(made.ok());
  clock.Advance(core::Duration(60));

  auto pending = store->PendingMessages(10);
  REQUIRE(pending.ok());
  REQUIRE(pending.value().size() == 2);
  const core::OutboxItem& first = pending.value()[0];
  CHECK(first.channel == "CSRC");
  CHECK_FALSE(first.direct);
  CHECK(first.text == "to channel");
  CHECK(first.about == std::vector<core::CaseId>{1});
  CHECK(first.created_at == TestNow());
  CHECK(first.attempts == 0);
  CHECK(pending.value()[1].direct);
  CHECK(pending.value()[1].channel == "U9");
  CHECK(pending.value()[1].about.empty());
  CHECK(store->PendingMessages(1).value().size() == 1);
  CHECK(store->PendingMessages(0).value().empty());

  REQUIRE(store->MarkMessage(first.id, core::OutboxState::kPending, "rate limited").ok());
  CHECK(store->PendingMessages(10).value()[0].attempts == 1);
  REQUIRE(store->MarkMessage(first.id, core::OutboxState::kSent, "ts=1.2").ok());
  REQUIRE(store->MarkMessage(pending.value()[1].id, core::OutboxState::kHeld, "guard").ok());
  CHECK(store->PendingMessages(10).value().empty());
  CHECK(store->MarkMessage(999, core::OutboxState::kSent, "").code() == core::Code::kNotFound);
}

TEST_CASE("store: SeedMembers only fills an empty roster") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("m.db"), clock);
  CHECK(store->Members().value().empty());
  REQUIRE(store->SeedMembers({"UB", "UA", "UB"}, T(100)).ok());
  REQUIRE(store->SeedMembers({"UC"}, T(200)).ok());
  auto members = store->Members().value();
  REQUIRE(members.size() == 2);
  CHECK(members[0].user == "UA");  // same joined_at: ordered by user
  CHECK(members[1].user == "UB");
  CHECK(members[0].joined_at == T(100));
  CHECK(store->SeedMembers({""}, T(1)).code() == core::Code::kInvalidArgument);
}

TEST_CASE("store: concurrent updates are serialized") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("c.db"), clock);
  core::CaseId id = CreateOrFail(*store);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto r = store->Update(id, [](const core::Case& c) -> core::Result<core::Change> {
          core::Change change = Keep(c);
          change.events = {Ev("bump", T(1))};
          change.after.title += "x";
          return change;
        });
        CHECK(r.ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(store->Load(id).value().title.size() == 40);
  CHECK(store->Timeline(id).value().size() == 41);
}

}  // namespace
}  // namespace srcbot::store
