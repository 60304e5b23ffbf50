#include "integrations/mail/imap_lines.h"

#include <cctype>
#include <charconv>

namespace srcbot::mail {

namespace {

bool SameWord(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The first space-separated word of `s`, and `s` moves past it and one space.
std::string_view NextWord(std::string_view& s) {
  std::size_t end = s.find(' ');
  std::string_view word = s.substr(0, end);
  s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
  return word;
}

}  // namespace

ImapLine ParseImapLine(std::string_view line, std::string_view tag) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  ImapLine out;
  if (line == "+" || line.substr(0, 2) == "+ ") {
    out.kind = ImapLine::Kind::kContinuation;
    return out;
  }
  std::string_view rest = line;
  std::string_view first = NextWord(rest);
  std::string_view second = NextWord(rest);
  if (first == "*") {
    if (SameWord(second, "BYE")) {
      out.kind = ImapLine::Kind::kBye;
      return out;
    }
    std::string_view third = NextWord(rest);
    std::uint32_t n = 0;
    auto [end, ec] = std::from_chars(second.data(), second.data() + second.size(), n);
    if (ec != std::errc() || end != second.data() + second.size() || second.empty()) return out;
    if (SameWord(third, "EXISTS")) out.kind = ImapLine::Kind::kExists;
    if (SameWord(third, "RECENT")) out.kind = ImapLine::Kind::kRecent;
    if (out.kind != ImapLine::Kind::kOther) out.number = n;
    return out;
  }
  if (tag.empty() || !SameWord(first, tag)) return out;
  if (SameWord(second, "OK")) out.kind = ImapLine::Kind::kOk;
  if (SameWord(second, "NO")) out.kind = ImapLine::Kind::kNo;
  if (SameWord(second, "BAD")) out.kind = ImapLine::Kind::kBad;
  return out;
}

core::Result<std::string> QuoteImapString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u == 0 || u == '\r' || u == '\n' || u >= 0x80) {
      return core::Status::Invalid("IMAP: a login name or password with a byte a quoted string cannot hold");
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace srcbot::mail
