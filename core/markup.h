#pragma once
// The markup srcbot's texts use: Slack's escapes for mentions and links
// ("<@U1>", "<#C1|name>", "<https://x|label>"), so a text can go to Slack as-is
// and be turned into plain text for the console and exports.

#include <string>

#include "core/case.h"

namespace srcbot::core {

// "<@U1>": Slack shows the person's name.
std::string Mention(const UserId& user);

// "<@alice>" → "@alice", "<#C1|src>" / "<#src>" → "#src", "<url|label>" → "label (url)",
// "<url>" → "url". Text without markup is returned unchanged.
std::string PlainText(const std::string& slack_text);

}  // namespace srcbot::core
