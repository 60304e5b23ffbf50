#include "bot/inbound/inbound_replies.h"

#include <string_view>
#include <utility>

namespace srcbot::bot {

commands::Reply PlainReply(std::string text) { return commands::Reply{std::move(text), {}, ""}; }

bool IsErrorReply(const commands::Reply& reply) { return reply.text.starts_with("Error: "); }

nlohmann::json FieldErrors(const std::map<std::string, std::string>& errors) {
  return {{"response_action", "errors"}, {"errors", errors}};
}

std::optional<nlohmann::json> FormErrorAck(EmbargoGuard& guard, const commands::Invocation& in,
                                           const commands::Reply& reply, std::string_view block) {
  if (!IsErrorReply(reply)) return std::nullopt;
  ClearedText shown = guard.ReplyText(in, reply, nullptr);
  return FieldErrors({{std::string(block), PlainFirstLine(shown.text())}});
}

std::string PlainFirstLine(const std::string& mrkdwn) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};
  std::string_view line = std::string_view(mrkdwn).substr(0, mrkdwn.find('\n'));
  std::string out;
  while (!line.empty()) {
    std::size_t used = 1;
    char c = line.front();
    for (const auto& [entity, decoded] : kEntities) {
      if (line.starts_with(entity)) {
        used = entity.size();
        c = decoded;
      }
    }
    out += c;
    line.remove_prefix(used);
  }
  return out;
}

}  // namespace srcbot::bot
