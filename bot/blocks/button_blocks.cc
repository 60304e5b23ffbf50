#include "bot/blocks/button_blocks.h"

#include "bot/blocks/block_kit.h"
#include "core/str_cat.h"

namespace srcbot::bot {

std::string ButtonActionId(core::ButtonAction action) {
  return core::StrCat({kButtonActionPrefix, core::ButtonActionName(action)});
}

std::optional<core::ButtonAction> ReadButtonActionId(std::string_view action_id) {
  if (!action_id.starts_with(kButtonActionPrefix)) return std::nullopt;
  return core::ParseButtonAction(action_id.substr(kButtonActionPrefix.size()));
}

nlohmann::json ButtonBlocks(const std::string& mrkdwn, const std::vector<core::Button>& buttons) {
  nlohmann::json blocks = TextBlocks(mrkdwn);
  if (buttons.empty()) return blocks;
  nlohmann::json elements = nlohmann::json::array();
  for (const core::Button& b : buttons) {
    nlohmann::json button = {{"type", "button"},
                             {"action_id", ButtonActionId(b.action)},
                             {"value", b.target},
                             {"text", {{"type", "plain_text"}, {"text", b.label}, {"emoji", true}}}};
    if (b.primary) button["style"] = "primary";
    elements.push_back(std::move(button));
  }
  blocks.push_back({{"type", "actions"}, {"block_id", kButtonsBlockId}, {"elements", elements}});
  return blocks;
}

}  // namespace srcbot::bot
