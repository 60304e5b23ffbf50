#include "bot/decode/bounded_json.h"

#include <string>

#include <catch2/catch.hpp>

using srcbot::bot::JsonDepth;
using srcbot::bot::kMaxJsonDepth;
using srcbot::bot::ParseBoundedJson;

namespace {

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("bounded json: depth counts brackets outside strings only") {
  CHECK(JsonDepth("") == 0);
  CHECK(JsonDepth("42") == 0);
  CHECK(JsonDepth(R"({"a":[1,{"b":[]}]})") == 4);
  CHECK(JsonDepth(R"({"a":"[[[[{{{{"})") == 1);
  CHECK(JsonDepth(R"({"a":"\"[[[[","b":[]})") == 2);  // an escaped quote does not end the string
  CHECK(JsonDepth(R"({"a":"\\","b":[[]]})") ==
        3);                        // an escaped backslash does not escape the quote
  CHECK(JsonDepth("]]]][") == 1);  // malformed: counted, never negative
}

TEST_CASE("bounded json: 100,000 levels are refused before parsing, without recursion") {
  CHECK(JsonDepth(Nested(100'000)) == kMaxJsonDepth + 1);
  CHECK(ParseBoundedJson(Nested(100'000)).is_discarded());
  CHECK(ParseBoundedJson(R"({"payload":)" + Nested(kMaxJsonDepth) + "}").is_discarded());
  auto deepest_allowed = ParseBoundedJson(R"({"payload":)" + Nested(kMaxJsonDepth - 1) + "}");
  REQUIRE_FALSE(deepest_allowed.is_discarded());
  CHECK(deepest_allowed.contains("payload"));
  CHECK(ParseBoundedJson("{\"a\":\"\xff\"}").is_discarded());  // not UTF-8
  CHECK(ParseBoundedJson("{").is_discarded());
}
