#pragma once
// The embargo as a fuzzing oracle (docs/embargo.md), for the targets that drive
// SlackInbound over tests/bot/inbound/inbound_fixture.h: a seed case is opened whose
// title no input is likely to hold, and after the input nothing carrying that
// title may have reached the public channel CGEN, anyone outside the SRC, or
// the ack of a slash command typed anywhere but CSRC by alice or bob.

#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/decode/form_decoder.h"
#include "tests/bot/inbound/inbound_fixture.h"

namespace srcbot::fuzzing {

inline constexpr std::string_view kSeedTitle = "Qz8vK embargoed overflow";

// Opens SRC-1 with kSeedTitle, as alice in CSRC.
inline void OpenSeedCase(testing::InboundFixture& world) {
  (void)world.service.Handle({"UALICE", "CSRC", "report \"" + std::string(kSeedTitle) + "\""});
}

inline bool OnSrc(const std::string& user) { return user == "UALICE" || user == "UBOB"; }

inline bool HasTitleMark(const std::string& text) {
  return text.find(kSeedTitle.substr(0, 5)) != std::string::npos;
}

// True when the input itself may spell the title (raw, percent-encoded, or
// escaped inside JSON, also in a form field): then an echo of what was typed
// (an envelope id, a misspelt verb) is no leak, and the checks are skipped.
// libFuzzer learns the title from the comparisons below, so this happens.
inline bool InputMentionsTitle(std::string_view raw) {
  auto spelt = [](const std::string& text) {
    if (HasTitleMark(text)) return true;
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    return !json.is_discarded() &&
           HasTitleMark(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  };
  if (spelt(std::string(raw))) return true;
  if (auto decoded = bot::PercentDecode(raw); decoded.ok() && spelt(decoded.value())) return true;
  if (auto form = bot::DecodeForm(raw); form.ok()) {
    for (const auto& [name, value] : form.value()) {
      if (spelt(name) || spelt(value)) return true;
    }
  }
  return false;
}

// Crashes when anything sent so far carries the seed title where it may not go.
inline void CheckSent(const testing::InboundFixture& world) {
  for (const testing::Sent& sent : *world.sent) {
    if (sent.text.find(kSeedTitle) == std::string::npos) continue;
    if (sent.where == "CGEN") std::abort();
    if (!sent.user.empty() && !OnSrc(sent.user)) std::abort();
  }
}

// Crashes when the ack of slash command `payload` carries the seed title
// though it was not typed in CSRC by an SRC member.
inline void CheckCommandAck(const nlohmann::json& payload, std::string_view ack) {
  if (ack.find(kSeedTitle) == std::string_view::npos) return;
  if (bot::StringField(payload, "channel_id") != "CSRC" ||
      !OnSrc(bot::StringField(payload, "user_id"))) {
    std::abort();
  }
}

}  // namespace srcbot::fuzzing
