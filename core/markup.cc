#include "core/markup.h"

namespace srcbot::core {
namespace {

// Decodes the three entities Escape produces; anything else stays as written.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      if (s.substr(i, 5) == "&amp;") {
        out += '&';
        i += 4;
        continue;
      }
      if (s.substr(i, 4) == "&lt;" || s.substr(i, 4) == "&gt;") {
        out += s[i + 1] == 'l' ? '<' : '>';
        i += 3;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string Mention(const UserId& user) { return "<@" + user + ">"; }

std::string PlainText(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find('<', i);
    size_t close = open == std::string::npos ? std::string::npos : s.find('>', open);
    if (close == std::string::npos) {
      out += Unescape(std::string_view(s).substr(i));
      break;
    }
    out += Unescape(std::string_view(s).substr(i, open - i));
    std::string inner = s.substr(open + 1, close - open - 1);
    size_t bar = inner.find('|');
    std::string target = inner.substr(0, bar);
    std::string label = bar == std::string::npos ? "" : Unescape(inner.substr(bar + 1));
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
