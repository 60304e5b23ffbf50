#include "bot/socket_mode/socket_mode_frames.h"

#include <catch2/catch.hpp>

using namespace srcbot;
using Json = nlohmann::json;
using Kind = bot::SocketFrame::Kind;

namespace {

class EchoHandler : public bot::InboundHandler {
 public:
  std::optional<Json> OnSlashCommand(const Json& p) override { return Json{{"slash", p}}; }
  std::optional<Json> OnInteraction(const Json&) override { throw 42; }
  std::optional<Json> OnEvent(const Json&) override { return std::nullopt; }
};

}  // namespace

TEST_CASE("socket frames: Slack's frames parse; junk is ignored", "[socket]") {
  CHECK(bot::ParseSocketFrame(R"({"type":"hello","num_connections":1})").kind == Kind::kHello);
  bot::SocketFrame bye =
      bot::ParseSocketFrame(R"({"type":"disconnect","reason":"refresh_requested"})");
  CHECK(bye.kind == Kind::kDisconnect);
  CHECK(bye.reason == "refresh_requested");

  // python-slack-sdk's captured envelope, shortened.
  bot::SocketFrame env = bot::ParseSocketFrame(
      R"({"envelope_id":"1d3c79ab","payload":{"command":"/hello"},"type":"slash_commands",)"
      R"("accepts_response_payload":true,"retry_attempt":2})");
  CHECK(env.kind == Kind::kEnvelope);
  CHECK(env.envelope_id == "1d3c79ab");
  CHECK(env.type == "slash_commands");
  CHECK(env.payload == Json{{"command", "/hello"}});
  CHECK(env.accepts_response_payload);
  CHECK(env.retry_attempt == 2);

  for (const char* junk : {"", "nul", "[1]", "\"hello\"", R"({"type":"hello")", R"({"type":7})",
                           R"({"envelope_id":7,"type":"events_api"})"}) {
    CAPTURE(junk);
    CHECK(bot::ParseSocketFrame(junk).kind == Kind::kIgnored);
  }
  bot::SocketFrame odd = bot::ParseSocketFrame(
      R"({"envelope_id":"x","payload":"text","accepts_response_payload":"yes"})");
  CHECK(odd.kind == Kind::kEnvelope);
  CHECK(odd.payload.is_null());
  CHECK_FALSE(odd.accepts_response_payload);
}

TEST_CASE("socket frames: the ack carries a payload only when there is one", "[socket]") {
  CHECK(Json::parse(bot::MakeSocketAck("e1", std::nullopt)) == Json{{"envelope_id", "e1"}});
  CHECK(Json::parse(bot::MakeSocketAck("e1", Json{{"text", "hi"}})) ==
        Json{{"envelope_id", "e1"}, {"payload", {{"text", "hi"}}}});
  // Invalid UTF-8 from user text does not make the ack throw.
  std::string ack = bot::MakeSocketAck("e1", Json{{"text", std::string("a\xff")}});
  CHECK(ack.find("e1") != std::string::npos);
}

TEST_CASE("socket frames: envelopes are routed by type and always answered", "[socket]") {
  EchoHandler handler;
  bool failed = true;
  auto answer = [&](const char* text) {
    return Json::parse(bot::AnswerEnvelope(handler, bot::ParseSocketFrame(text), &failed));
  };
  CHECK(answer(R"({"envelope_id":"a","type":"slash_commands","payload":{"t":1},)"
               R"("accepts_response_payload":true})") ==
        Json{{"envelope_id", "a"}, {"payload", {{"slash", {{"t", 1}}}}}});
  CHECK_FALSE(failed);
  CHECK(answer(R"({"envelope_id":"b","type":"slash_commands","payload":{"t":1}})") ==
        Json{{"envelope_id", "b"}});
  CHECK(answer(R"({"envelope_id":"c","type":"interactive","payload":{},)"
               R"("accepts_response_payload":true})") == Json{{"envelope_id", "c"}});
  CHECK(failed);
  CHECK(answer(R"({"envelope_id":"d","type":"events_api","payload":{}})") ==
        Json{{"envelope_id", "d"}});
  CHECK_FALSE(failed);
}

TEST_CASE("socket frames: a payload nested 100,000 deep is ignored, not copied", "[socket]") {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  bot::SocketFrame frame = bot::ParseSocketFrame(
      R"({"envelope_id":"deep","type":"events_api","payload":{"event":)" + deep + "}}");
  CHECK(frame.kind == Kind::kIgnored);
  CHECK(frame.payload.is_null());
}
