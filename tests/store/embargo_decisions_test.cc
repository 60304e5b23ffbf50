#include <catch2/catch.hpp>

#include "store/sqlite_case_store.h"
#include "tests/store/case_fixtures.h"
#include "tests/store/store_test_support.h"

using namespace srcbot;
using namespace srcbot::store;
using namespace srcbot::store::testing;
using srcbot::testing::FakeClock;
using srcbot::testing::TempDir;
using srcbot::testing::TestNow;

namespace {

core::EmbargoDecision D(core::CaseId id, std::string outcome, std::string kind = "post",
                        std::string destination = "CSRC", std::string recipient = "",
                        std::string reason = "") {
  core::EmbargoDecision d;
  d.case_id = id;
  d.outcome = std::move(outcome);
  d.kind = std::move(kind);
  d.destination = std::move(destination);
  d.recipient = std::move(recipient);
  d.reason = std::move(reason);
  return d;
}

}  // namespace

TEST_CASE("store: embargo decisions are kept per case, stamped, and survive a restart", "[embargo]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string path = dir.File("srcbot.db");
  {
    auto store = OpenOrFail(path, clock);
    core::CaseId one = CreateOrFail(*store);
    core::CaseId two = CreateOrFail(*store);
    REQUIRE(store->RecordDecisions({D(one, "sent", "post", "CSRC", "", "private"),
                                    D(two, "refused", "ack", "CGEN", "UEVE", "channel is public")})
                .ok());
    clock.Advance(std::chrono::minutes(5));
    REQUIRE(store->RecordDecisions({D(one, "held", "post", "CSRC", "", "channel facts unavailable")})
                .ok());
    // A decision about a case that does not exist is refused, and nothing of
    // the batch is written.
    auto missing = store->RecordDecisions({D(one, "sent"), D(99, "sent")});
    CHECK(missing.code() == core::Code::kNotFound);
  }
  auto store = OpenOrFail(path, clock);
  auto one = store->Decisions(1);
  REQUIRE(one.ok());
  REQUIRE(one.value().size() == 2);
  CHECK(one.value()[0].outcome == "sent");
  CHECK(one.value()[0].at == TestNow());
  CHECK(one.value()[1].outcome == "held");
  CHECK(one.value()[1].at == TestNow() + std::chrono::minutes(5));
  auto two = store->Decisions(2).value();
  REQUIRE(two.size() == 1);
  CHECK((two[0].kind == "ack" && two[0].recipient == "UEVE" && two[0].reason == "channel is public"));
  CHECK(store->Decisions(3).value().empty());
}

TEST_CASE("store: a public release post keeps its case through the outbox", "[embargo]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  core::Message post = Msg(Audience::kChannel, "CGEN", "");
  post.release_of = 1;
  REQUIRE(store->Create(Report(core::Case(), {post, ToChannel("record", {1})})).ok());
  auto pending = store->PendingMessages(10).value();
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].release_of == std::optional<core::CaseId>(1));
  CHECK_FALSE(pending[1].release_of.has_value());
  // An unresolved public channel is a bug: the whole change is refused.
  core::Message unresolved = Msg(Audience::kGeneralChannel, "", "");
  CHECK(store->Create(Report(core::Case(), {unresolved})).status().code() == core::Code::kInternal);
}
