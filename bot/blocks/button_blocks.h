#pragma once
// The Block Kit of a post with buttons (core/buttons.h decides which): the
// text's sections, then one actions block. Each button's action_id is
// "src_<action>" ("src_ack", "src_snooze", "src_vote_yes", "src_release"…)
// and its value the bare id it acts on ("SRC-3", or "2" for vote #2): a
// button carries no case detail. Pure: no I/O, never throws.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/buttons.h"

namespace srcbot::bot {

// Every action_id srcbot makes starts with this.
inline constexpr std::string_view kButtonActionPrefix = "src_";
// The block_id of the actions block (so a click can be told from other blocks).
inline constexpr std::string_view kButtonsBlockId = "src_buttons";

// "src_" + core::ButtonActionName(action).
std::string ButtonActionId(core::ButtonAction action);
// The action an action_id names, or nullopt (not ours, or unknown).
std::optional<core::ButtonAction> ReadButtonActionId(std::string_view action_id);

// TextBlocks(mrkdwn), then the buttons in one actions block (none: no block).
nlohmann::json ButtonBlocks(const std::string& mrkdwn, const std::vector<core::Button>& buttons);

}  // namespace srcbot::bot
