// Socket Mode text frames: ParseSocketFrame, and for an envelope the handler
// call and the ack (AnswerEnvelope) into the real SlackInbound over the test
// fakes (tests/bot/inbound/inbound_fixture.h: alice and bob on the SRC, case SRC-1
// open). The input is one frame as it would arrive on the websocket. A handler
// that throws (a bug), an ack that is not JSON naming the envelope, or a
// detail of the seed case going where the embargo forbids
// (fuzz/embargo_check.h) crashes the target.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "bot/decode/form_decoder.h"
#include "bot/socket_mode/socket_mode_frames.h"
#include "fuzz/embargo_check.h"
#include "tests/bot/inbound/inbound_fixture.h"

using namespace srcbot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bot::SocketFrame frame = bot::ParseSocketFrame(text);
  if (frame.kind != bot::SocketFrame::Kind::kEnvelope) return 0;
  if (frame.envelope_id.empty()) std::abort();

  testing::InboundFixture world;
  fuzzing::OpenSeedCase(world);
  bool failed = false;
  std::string ack = bot::AnswerEnvelope(world.inbound, frame, &failed);
  if (failed) std::abort();
  nlohmann::json parsed = nlohmann::json::parse(ack, nullptr, false);
  if (!parsed.is_object() || bot::StringField(parsed, "envelope_id") != frame.envelope_id)
    std::abort();
  if (fuzzing::InputMentionsTitle(text)) return 0;
  fuzzing::CheckSent(world);
  if (frame.type == "slash_commands") fuzzing::CheckCommandAck(frame.payload, ack);
  return 0;
}
