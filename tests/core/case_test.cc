#include "core/case.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

TEST_CASE("case: names round-trip and unknown names are refused") {
  for (Resolution r : {Resolution::kFixed, Resolution::kNotAVuln, Resolution::kDuplicate,
                       Resolution::kUpstream, Resolution::kWithdrawn}) {
    CHECK(ParseResolution(ResolutionName(r)) == r);
  }
  CHECK_FALSE(ParseResolution("wontfix"));
  CHECK_FALSE(ParseResolution(""));
  for (Via v : {Via::kEmail, Via::kPrivate, Via::kPublic}) CHECK(ParseVia(ViaName(v)) == v);
  CHECK_FALSE(ParseVia("twitter"));
  CHECK(StageName(Stage::kFixDevelopment) == "fix-development");
  CHECK(CaseRef(42) == "SRC-42");
}

TEST_CASE("case: pending team members are not on the team yet") {
  Case c;
  c.team = {{"dana", false, true, false, ""}, {"olly", true, false, false, ""}};
  CHECK(c.HasTeamMember("dana"));
  CHECK_FALSE(c.HasTeamMember("olly"));
  CHECK(c.FindTeamMember("olly") != nullptr);
  CHECK_FALSE(c.HasTeamMember("eve"));
}
