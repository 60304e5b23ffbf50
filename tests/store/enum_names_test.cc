#include "store/enum_names.h"

#include <catch2/catch.hpp>

namespace srcbot::store {
namespace {

TEST_CASE("store: stage names parse back to every stage") {
  for (int i = 0; i <= static_cast<int>(core::Stage::kClosed); ++i) {
    auto stage = static_cast<core::Stage>(i);
    CHECK(ParseStage(core::StageName(stage)) == stage);
  }
  CHECK_FALSE(ParseStage("Reported").has_value());
  CHECK_FALSE(ParseStage("").has_value());
}

TEST_CASE("store: going-public names round-trip") {
  for (auto g :
       {core::GoingPublic::kNo, core::GoingPublic::kAccepted, core::GoingPublic::kRefused}) {
    CHECK(ParseGoingPublic(GoingPublicName(g)) == g);
  }
  CHECK(GoingPublicName(core::GoingPublic::kAccepted) == "accepted");
  CHECK_FALSE(ParseGoingPublic("yes").has_value());
}

}  // namespace
}  // namespace srcbot::store
