#include "bot/decode/form_decoder.h"

#include <catch2/catch.hpp>

using namespace srcbot;

TEST_CASE("form: Slack's slash command body decodes", "[inbound]") {
  auto form = bot::DecodeForm(
      "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&enterprise_name=Globular%20Construct%20Inc"
      "&command=/weather&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234"
      "&user_name=Steve+Jobs");
  REQUIRE(form.ok());
  const auto& f = form.value();
  CHECK(f.at("team_id") == "T0001");
  CHECK(f.at("enterprise_name") == "Globular Construct Inc");
  CHECK(f.at("command") == "/weather");
  CHECK(f.at("text").empty());
  CHECK(f.at("response_url") == "https://hooks.slack.com/commands/1234");
  CHECK(f.at("user_name") == "Steve Jobs");
}

TEST_CASE("form: escapes, empty segments and bare names", "[inbound]") {
  auto form = bot::DecodeForm("a=%e2%80%9Cq%E2%80%9D&&b&c=%2B1+%26+%3D&");
  REQUIRE(form.ok());
  CHECK(form.value().size() == 3);
  CHECK(form.value().at("a") == "\xE2\x80\x9Cq\xE2\x80\x9D");
  CHECK(form.value().at("b").empty());
  CHECK(form.value().at("c") == "+1 & =");
  CHECK(bot::DecodeForm("").ok());
  CHECK(bot::DecodeForm("").value().empty());
}

TEST_CASE("form: malformed percent escapes, empty names and repeats are errors", "[inbound]") {
  for (const char* body :
       {"a=%", "a=%4", "a=%zz", "a=%4g&b=1", "%=1", "=x", "a=1&a=2", "a=1&b=2&a=1"}) {
    INFO(body);
    auto form = bot::DecodeForm(body);
    CHECK(form.status().code() == core::Code::kInvalidArgument);
  }
}

TEST_CASE("form: to JSON, strings only, and UTF-8 is required", "[inbound]") {
  auto json = bot::DecodeFormToJson("user_id=U1&text=report+%22x%22");
  REQUIRE(json.ok());
  CHECK(json.value() == nlohmann::json{{"user_id", "U1"}, {"text", "report \"x\""}});
  CHECK(bot::DecodeFormToJson("text=%FF").status().code() == core::Code::kInvalidArgument);
  CHECK(bot::DecodeFormToJson("text=%C0%80").status().code() == core::Code::kInvalidArgument);
  CHECK(bot::DecodeFormToJson("text=%ED%A0%80").status().code() == core::Code::kInvalidArgument);
  CHECK(bot::DecodeFormToJson("text=%E2%82").status().code() == core::Code::kInvalidArgument);
  CHECK(bot::DecodeFormToJson("text=%F0%9F%94%92").ok());
}

TEST_CASE("form: reading JSON fields never throws", "[inbound]") {
  nlohmann::json j = {{"s", "v"}, {"n", 1}, {"o", {{"id", "U1"}}}};
  CHECK(bot::StringField(j, "s") == "v");
  CHECK(bot::StringField(j, "n").empty());
  CHECK(bot::StringField(j, "missing").empty());
  CHECK(bot::StringField(nlohmann::json::array(), "s").empty());
  CHECK(bot::StringField(bot::ObjectField(j, "o"), "id") == "U1");
  CHECK(bot::ObjectField(j, "s").is_null());
  CHECK(bot::StringField(bot::ObjectField(j, "nope"), "id").empty());
}
