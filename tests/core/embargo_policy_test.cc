#include "core/embargo_policy.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

namespace {

Case CaseWithTeam() {
  Case c;
  c.id = 3;
  c.team = {{"dana", false, true, false, ""}, {"olly", true, false, false, ""}};
  return c;
}

Destination Private(std::vector<UserId> members) {
  Destination d;
  d.id = "C1";
  d.is_private = true;
  d.members = std::move(members);
  return d;
}

const std::set<UserId> kSrc = {"alice", "bob"};

}  // namespace

TEST_CASE("embargo: a text with no case detail goes anywhere") {
  Destination general;
  general.members = {"eve"};
  CHECK(Judge({}, kSrc, general, std::nullopt).verdict == Verdict::kSend);
}

TEST_CASE("embargo: details go only to private, unshared, SRC-and-team-only places") {
  std::vector<Case> about = {CaseWithTeam()};
  CHECK(Judge(about, kSrc, Private({"alice", "bob"}), std::nullopt).verdict == Verdict::kSend);
  CHECK(Judge(about, kSrc, Private({"alice", "dana"}), std::nullopt).verdict == Verdict::kSend);

  SECTION("a public channel never qualifies") {
    Destination d = Private({"alice"});
    d.is_private = false;
    CHECK(Judge(about, kSrc, d, std::nullopt).verdict == Verdict::kRefuse);
  }
  SECTION("an outsider in the channel") {
    CHECK(Judge(about, kSrc, Private({"alice", "eve"}), std::nullopt).verdict == Verdict::kRefuse);
  }
  SECTION("a pending outside member is not yet on the team") {
    CHECK(Judge(about, kSrc, Private({"alice", "olly"}), std::nullopt).verdict == Verdict::kRefuse);
  }
  SECTION("each kind of sharing disqualifies") {
    for (bool Destination::*flag : {&Destination::is_shared, &Destination::is_ext_shared,
                                    &Destination::is_org_shared, &Destination::is_pending_ext_shared}) {
      Destination d = Private({"alice"});
      d.*flag = true;
      CHECK(Judge(about, kSrc, d, std::nullopt).verdict == Verdict::kRefuse);
    }
  }
  SECTION("unknown members fail closed") {
    CHECK(Judge(about, kSrc, Private({}), std::nullopt).verdict == Verdict::kRefuse);
  }
  SECTION("the recipient of an ephemeral must qualify too") {
    CHECK(Judge(about, kSrc, Private({"alice"}), UserId("eve")).verdict == Verdict::kRefuse);
    CHECK(Judge(about, kSrc, Private({"alice"}), UserId("dana")).verdict == Verdict::kSend);
  }
  SECTION("team of one case does not see another case") {
    Case other;
    other.id = 4;
    std::vector<Case> both = {CaseWithTeam(), other};
    CHECK(Judge(both, kSrc, Private({"alice", "dana"}), std::nullopt).verdict == Verdict::kRefuse);
  }
  SECTION("a direct message to one qualifying person") {
    Destination dm;
    dm.is_im = true;
    dm.members = {"dana"};
    CHECK(Judge(about, kSrc, dm, UserId("dana")).verdict == Verdict::kSend);
    dm.members = {"eve"};
    CHECK(Judge(about, kSrc, dm, UserId("eve")).verdict == Verdict::kRefuse);
  }
}
