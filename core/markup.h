#pragma once
// The markup srcbot's texts use: Slack's escapes for mentions and links
// ("<@U1>", "<#C1|name>", "<https://x|label>"), so a text can go to Slack as-is
// and be turned into plain text for the console and exports.

#include <string>
#include <string_view>

#include "core/case.h"

namespace srcbot::core {

// Texts are Slack mrkdwn: a literal "&", "<" or ">" must be written as
// "&amp;", "&lt;", "&gt;". Every piece of user-supplied text (titles, versions
// such as "< 2.4.1", reasons, usage lines) goes through Escape before it is
// put into a text, so it can neither break nor forge a mention or link.
std::string Escape(std::string_view text);

// "<@U1>": Slack shows the person's name.
std::string Mention(const UserId& user);

// "<@alice>" → "@alice", "<#C1|src>" / "<#src>" → "#src", "<url|label>" → "label (url)",
// "<url>" → "url", and "&lt;" "&gt;" "&amp;" → "<" ">" "&".
std::string PlainText(const std::string& slack_text);

}  // namespace srcbot::core
