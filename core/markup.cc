#include "core/markup.h"

namespace srcbot::core {

std::string Mention(const UserId& user) { return "<@" + user + ">"; }

std::string PlainText(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t close = s[i] == '<' ? s.find('>', i) : std::string::npos;
    if (close == std::string::npos) {
      out += s[i++];
      continue;
    }
    std::string inner = s.substr(i + 1, close - i - 1);
    size_t bar = inner.find('|');
    std::string target = inner.substr(0, bar);
    std::string label = bar == std::string::npos ? "" : inner.substr(bar + 1);
    if (!target.empty() && (target[0] == '@' || target[0] == '#')) {
      out += target[0] + (label.empty() ? target.substr(1) : label);
    } else {
      out += label.empty() ? target : label + " (" + target + ")";
    }
    i = close + 1;
  }
  return out;
}

}  // namespace srcbot::core
