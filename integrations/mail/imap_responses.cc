#include "integrations/mail/imap_responses.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace srcbot::mail {

namespace {

// Calls `line` for each response line (CRLF or LF ended) that starts with `prefix`
// (compared without regard to case), with the prefix removed.
template <class F>
void ForEachLine(std::string_view response, std::string_view prefix, F line) {
  std::size_t start = 0;
  while (start < response.size()) {
    std::size_t end = response.find('\n', start);
    if (end == std::string_view::npos) end = response.size();
    std::string_view l = response.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.size() >= prefix.size() &&
        std::equal(prefix.begin(), prefix.end(), l.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) ==
                 std::toupper(static_cast<unsigned char>(b));
        })) {
      line(l.substr(prefix.size()));
    }
    start = end + 1;
  }
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

}  // namespace

std::vector<std::uint32_t> ParseSearch(std::string_view response) {
  std::vector<std::uint32_t> uids;
  ForEachLine(response, "* SEARCH", [&](std::string_view rest) {
    for (std::string_view w : Words(rest)) {
      std::uint32_t n = 0;
      auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
      if (ec == std::errc() && end == w.data() + w.size() && n > 0) uids.push_back(n);
    }
  });
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

std::set<std::string> ParseCapabilities(std::string_view response) {
  std::set<std::string> caps;
  ForEachLine(response, "* CAPABILITY", [&](std::string_view rest) {
    for (std::string_view w : Words(rest)) {
      std::string cap(w);
      for (char& c : cap) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      caps.insert(cap);
    }
  });
  return caps;
}

std::optional<char> ParseListDelimiter(std::string_view response) {
  std::optional<char> delimiter;
  bool seen = false;
  ForEachLine(response, "* LIST ", [&](std::string_view rest) {
    if (seen) return;
    seen = true;
    std::size_t close = rest.find(')');
    if (close == std::string_view::npos) return;
    std::string_view after = rest.substr(close + 1);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    if (after.size() >= 3 && after[0] == '"' && after[1] != '\\' && after[2] == '"') {
      delimiter = after[1];
    } else if (after.size() >= 4 && after[0] == '"' && after[1] == '\\' && after[3] == '"') {
      delimiter = after[2];  // a quoted '\' or '"'
    }
  });
  return delimiter;
}

bool HasListLine(std::string_view response) {
  bool any = false;
  ForEachLine(response, "* LIST ", [&](std::string_view) { any = true; });
  return any;
}

core::Result<std::string> QuoteMailbox(std::string_view name) {
  if (name.empty()) return core::Status::Invalid("IMAP folder: empty name");
  std::string out = "\"";
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      return core::Status::Invalid("IMAP folder: only printable ASCII names are supported");
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace srcbot::mail
