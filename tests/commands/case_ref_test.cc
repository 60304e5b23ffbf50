#include "commands/case_ref.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace srcbot::commands {
namespace {

TEST_CASE("case ref: accepted forms") {
  const std::vector<std::pair<std::string, core::CaseId>> kCases = {
      {"SRC-7", 7},
      {"src-7", 7},
      {"Src-7", 7},
      {"sRc-12", 12},
      {"7", 7},
      {"1", 1},
      {"SRC-007", 7},
      {"9007199254740992", kMaxCaseNumber},
      {"SRC-9007199254740992", kMaxCaseNumber},
  };
  for (const auto& [text, id] : kCases) {
    INFO("text: " << text);
    auto parsed = ParseCaseRef(text);
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == id);
  }
}

TEST_CASE("case ref: rejected forms") {
  const std::vector<std::string> kBad = {
      "",
      "SRC-0",
      "0",
      "000",
      "-1",
      "+1",
      "SRC-",
      "SRC7",
      "SRC--7",
      "SRC-+7",
      "SRC-7a",
      "7a",
      "a7",
      " 7",
      "7 ",
      "SRC 7",
      "SRC_7",
      "CVE-7",
      "#7",
      "@7",
      "７",
      "SRC–7",
      "1e3",
      "0x10",
      "9007199254740993",
      "99999999999999999999999",
  };
  for (const std::string& text : kBad) {
    INFO("text: " << text);
    auto parsed = ParseCaseRef(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == core::Code::kInvalidArgument);
    CHECK(parsed.status().message() == "not a case id: \"" + text + "\" (expected SRC-<n>)");
  }
}

TEST_CASE("case ref: long input is clipped in the error") {
  auto parsed = ParseCaseRef(std::string(100, 'x'));
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().message() ==
        "not a case id: \"" + std::string(40, 'x') + "…\" (expected SRC-<n>)");
}

TEST_CASE("case ref: CaseRefArg reads words and quoted text only") {
  CHECK(CaseRefArg({TokenKind::kWord, "SRC-3", ""}).value() == 3);
  CHECK(CaseRefArg({TokenKind::kQuoted, "src-3", ""}).value() == 3);
  auto user = CaseRefArg({TokenKind::kUser, "3", ""});
  REQUIRE_FALSE(user.ok());
  CHECK(user.status().message() == "not a case id: \"@3\" (expected SRC-<n>)");
  auto channel = CaseRefArg({TokenKind::kChannel, "C1", "3"});
  REQUIRE_FALSE(channel.ok());
  CHECK(channel.status().message() == "not a case id: \"#3\" (expected SRC-<n>)");
}

}  // namespace
}  // namespace srcbot::commands
