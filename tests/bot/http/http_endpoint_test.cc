#include "bot/http/http_endpoint.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"

using namespace srcbot;
using nlohmann::json;

namespace {

constexpr const char* kSecret = "endpoint-secret";
constexpr const char* kForm = "application/x-www-form-urlencoded";

// Counts what reaches the handler; answers with fixed acks.
class CountingHandler : public bot::InboundHandler {
 public:
  std::optional<json> OnSlashCommand(const json& payload) override {
    commands.push_back(payload);
    return json{{"response_type", "ephemeral"}, {"text", "hi"}};
  }
  std::optional<json> OnInteraction(const json& payload) override {
    interactions.push_back(payload);
    return std::nullopt;
  }
  std::optional<json> OnEvent(const json& body) override {
    events.push_back(body);
    if (throw_next) throw std::runtime_error("boom");
    return std::nullopt;
  }
  int Calls() const {
    return static_cast<int>(commands.size() + interactions.size() + events.size());
  }

  std::vector<json> commands, interactions, events;
  bool throw_next = false;
};

struct Fixture {
  testing::FakeClock clock{testing::TestNow()};
  bot::SignatureVerifier verifier{kSecret, clock};
  CountingHandler handler;
  bot::HttpEndpoint endpoint{verifier, handler};

  bot::HttpRequest Post(const std::string& path, const std::string& type, const std::string& body,
                        std::int64_t skew = 0) const {
    std::string ts = std::to_string(clock.Now().time_since_epoch().count() + skew);
    return {"POST",
            path,
            "",
            {{"content-type", type},
             {"x-slack-request-timestamp", ts},
             {"x-slack-signature", bot::SlackSignature(kSecret, ts, body)}},
            body};
  }
};

}  // namespace

TEST_CASE("endpoint: healthz, unknown paths and methods", "[inbound]") {
  Fixture f;
  bot::HttpResponse health = f.endpoint.Handle({"GET", "/healthz", "", {}, ""});
  CHECK(health.status == 200);
  CHECK(health.body == "ok");
  CHECK(f.endpoint.Handle({"GET", "/", "", {}, ""}).status == 404);
  CHECK(f.endpoint.Handle({"POST", "/slack/other", "", {}, ""}).status == 404);
  bot::HttpResponse get = f.endpoint.Handle({"GET", "/slack/events", "", {}, ""});
  CHECK(get.status == 405);
  CHECK(get.headers["allow"] == "POST");
  CHECK(f.endpoint.Handle({"POST", "/healthz", "", {}, ""}).status == 405);
  CHECK(f.handler.Calls() == 0);
}

TEST_CASE("endpoint: a signed command reaches the handler as a JSON object", "[inbound]") {
  Fixture f;
  bot::HttpResponse r =
      f.endpoint.Handle(f.Post("/slack/commands", kForm, "user_id=U1&channel_id=C1&text=list"));
  CHECK(r.status == 200);
  CHECK(r.content_type.starts_with("application/json"));
  CHECK(json::parse(r.body) == json{{"response_type", "ephemeral"}, {"text", "hi"}});
  REQUIRE(f.handler.commands.size() == 1);
  CHECK(f.handler.commands[0] == json{{"user_id", "U1"}, {"channel_id", "C1"}, {"text", "list"}});
}

TEST_CASE("endpoint: bad signatures are 401 and nothing is parsed", "[inbound]") {
  Fixture f;
  std::string body = "user_id=U1&channel_id=C1&text=list";
  std::vector<bot::HttpRequest> bad;
  bot::HttpRequest forged = f.Post("/slack/commands", kForm, body);
  std::string& sig = forged.headers["x-slack-signature"];
  sig[5] = sig[5] == 'a' ? 'b' : 'a';
  bad.push_back(forged);
  bad.push_back(f.Post("/slack/commands", kForm, body, -301));
  bad.push_back(f.Post("/slack/commands", kForm, body, 301));
  bot::HttpRequest tampered = f.Post("/slack/commands", kForm, body);
  tampered.body += "&x=1";
  bad.push_back(tampered);
  bot::HttpRequest unsigned_request = f.Post("/slack/commands", kForm, body);
  unsigned_request.headers.erase("x-slack-signature");
  bad.push_back(unsigned_request);
  bot::HttpRequest no_ts = f.Post("/slack/commands", kForm, body);
  no_ts.headers.erase("x-slack-request-timestamp");
  bad.push_back(no_ts);
  bot::HttpRequest garbage = f.Post("/slack/events", "application/json", "{not json");
  garbage.headers["x-slack-signature"] = "v0=zz";
  bad.push_back(garbage);
  for (const bot::HttpRequest& request : bad) {
    bot::HttpResponse r = f.endpoint.Handle(request);
    CHECK(r.status == 401);
    CHECK(r.body.empty());
  }
  CHECK(f.handler.Calls() == 0);
}

TEST_CASE("endpoint: ssl_check is an empty 200 without verification or processing", "[inbound]") {
  Fixture f;
  for (const char* path : {"/slack/commands", "/slack/interactions", "/slack/events"}) {
    bot::HttpRequest request{
        "POST", path, "", {{"content-type", kForm}}, "ssl_check=1&token=x&text=report+x"};
    bot::HttpResponse r = f.endpoint.Handle(request);
    CHECK(r.status == 200);
    CHECK(r.body.empty());
  }
  // ssl_check=0 is no ssl_check: it must be signed like anything else.
  CHECK(f.endpoint.Handle({"POST", "/slack/commands", "", {{"content-type", kForm}}, "ssl_check=0"})
            .status == 401);
  CHECK(f.handler.Calls() == 0);
}

TEST_CASE("endpoint: wrong content type and undecodable bodies are 400", "[inbound]") {
  Fixture f;
  CHECK(f.endpoint.Handle(f.Post("/slack/commands", "application/json", "{}")).status == 400);
  CHECK(f.endpoint.Handle(f.Post("/slack/events", kForm, "a=1")).status == 400);
  CHECK(f.endpoint.Handle(f.Post("/slack/interactions", "text/plain", "payload=%7B%7D")).status ==
        400);
  CHECK(f.endpoint.Handle(f.Post("/slack/commands", kForm, "text=%zz")).status == 400);
  CHECK(f.endpoint.Handle(f.Post("/slack/commands", kForm, "a=1&a=2")).status == 400);
  CHECK(f.endpoint.Handle(f.Post("/slack/events", "application/json", "{\"a\":")).status == 400);
  CHECK(f.endpoint.Handle(f.Post("/slack/events", "application/json", "[1]")).status == 400);
  CHECK(f.endpoint.Handle(f.Post("/slack/interactions", kForm, "payload=%7Bx")).status == 400);
  CHECK(f.endpoint.Handle(f.Post("/slack/interactions", kForm, "other=1")).status == 400);
  CHECK(f.handler.Calls() == 0);
  // Parameters and letter case of the media type do not matter.
  CHECK(
      f.endpoint.Handle(f.Post("/slack/events", "Application/JSON; charset=utf-8", "{}")).status ==
      200);
  CHECK(f.endpoint.Handle(f.Post("/slack/interactions", kForm, "payload=%7B%7D")).status == 200);
  CHECK(f.handler.Calls() == 2);
}

TEST_CASE("endpoint: an exception from the handler is a 500, not a crash", "[inbound]") {
  Fixture f;
  f.handler.throw_next = true;
  CHECK(f.endpoint.Handle(f.Post("/slack/events", "application/json", "{}")).status == 500);
}

TEST_CASE("endpoint: JSON nested past the limit is 400 and reaches no handler", "[inbound]") {
  Fixture f;
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  bot::HttpResponse event = f.endpoint.Handle(f.Post(
      "/slack/events", "application/json", R"({"type":"event_callback","event":)" + deep + "}"));
  CHECK(event.status == 400);
  CHECK(event.body == "JSON nested too deeply");
  const std::string payload = "payload=" + std::string(100, '[') + std::string(100, ']');
  bot::HttpResponse click = f.endpoint.Handle(f.Post("/slack/interactions", kForm, payload));
  CHECK(click.status == 400);
  CHECK(click.body == "payload nested too deeply");
  CHECK(f.handler.Calls() == 0);
  // Twenty levels, as deep as Slack's own payloads get, go through.
  CHECK(f.endpoint
            .Handle(f.Post("/slack/events", "application/json",
                           R"({"type":"event_callback","event":)" + std::string(20, '[') +
                               std::string(20, ']') + "}"))
            .status == 200);
  CHECK(f.handler.events.size() == 1);
}
