// Slack's HTTP requests through HttpEndpoint::Handle, correctly signed, into
// the real SlackInbound, CommandService and EmbargoGuard over the test fakes
// (tests/bot/inbound/inbound_fixture.h: alice and bob on the SRC, case SRC-1 open).
//
// The input's first byte picks the request, the rest is its body:
//   'c' /slack/commands, 'e' /slack/events, 'i' /slack/interactions, each with
//   its own content type; 'C', 'E', 'I' the same paths with the other type;
//   'u' an unsigned form POST to /slack/commands (ssl_check); anything else
//   GET /healthz.
// A 500 means a handler threw (a bug), and a 401 that the signature was
// refused though it is right: both crash the target, and so does a detail of
// the seed case going where the embargo forbids (fuzz/embargo_check.h).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/embargo_check.h"
#include "tests/bot/inbound/inbound_fixture.h"

using namespace srcbot;

namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kJson = "application/json";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char pick = static_cast<char>(data[0]);
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);

  testing::InboundFixture world;
  fuzzing::OpenSeedCase(world);

  bot::HttpRequest request;
  switch (pick) {
    case 'c': request = world.Signed("/slack/commands", kForm, body); break;
    case 'e': request = world.Signed("/slack/events", kJson, body); break;
    case 'i': request = world.Signed("/slack/interactions", kForm, body); break;
    case 'C': request = world.Signed("/slack/commands", kJson, body); break;
    case 'E': request = world.Signed("/slack/events", kForm, body); break;
    case 'I': request = world.Signed("/slack/interactions", kJson, body); break;
    case 'u': request = {"POST", "/slack/commands", "", {{"content-type", kForm}}, body}; break;
    default: request = {"GET", "/healthz", "", {}, body}; break;
  }
  bot::HttpResponse response = world.endpoint.Handle(request);
  if (response.status == 500) std::abort();
  if (response.status == 401 && pick != 'u') std::abort();
  if (fuzzing::InputMentionsTitle(body)) return 0;
  fuzzing::CheckSent(world);
  if (pick == 'c') {
    auto form = bot::DecodeFormToJson(body);
    if (form.ok()) fuzzing::CheckCommandAck(form.value(), response.body);
  }
  return 0;
}
