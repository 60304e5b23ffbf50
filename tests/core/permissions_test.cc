#include "core/permissions.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

TEST_CASE("permissions: SRC, fix team and everyone else") {
  Case c;
  c.id = 5;
  c.team = {{"dana", false, true, false, ""}, {"olly", true, false, false, ""}};
  Actor src{"alice", true, ""}, team{"dana", false, ""}, pending{"olly", false, ""}, eve{"eve", false, ""};
  CHECK(Authorize(Access::kSrcOnly, src, &c).ok());
  CHECK(Authorize(Access::kFixTeamOrSrc, team, &c).ok());
  CHECK(Authorize(Access::kSrcOnly, team, &c).code() == Code::kPermissionDenied);
  CHECK(Authorize(Access::kFixTeamOrSrc, pending, &c).code() == Code::kPermissionDenied);
  CHECK(Authorize(Access::kFixTeamOrSrc, eve, &c).code() == Code::kPermissionDenied);
  CHECK(Authorize(Access::kEveryone, eve, nullptr).ok());
}
