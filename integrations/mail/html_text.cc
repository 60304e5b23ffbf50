#include "integrations/mail/html_text.h"

#include <cctype>
#include <cstdint>
#include <map>

namespace srcbot::mail {

namespace {

// The named references that turn up in mail; anything else is left as written.
const std::map<std::string_view, std::string_view>& Entities() {
  static const std::map<std::string_view, std::string_view> kEntities = {
      {"amp", "&"},          {"lt", "<"},           {"gt", ">"},           {"quot", "\""},
      {"apos", "'"},         {"nbsp", " "},         {"copy", "\u00a9"},    {"reg", "\u00ae"},
      {"trade", "\u2122"},   {"mdash", "\u2014"},   {"ndash", "\u2013"},   {"hellip", "\u2026"},
      {"lsquo", "\u2018"},   {"rsquo", "\u2019"},   {"ldquo", "\u201c"},   {"rdquo", "\u201d"},
      {"laquo", "\u00ab"},   {"raquo", "\u00bb"},   {"euro", "\u20ac"},    {"bull", "\u2022"},
      {"middot", "\u00b7"},  {"shy", ""},           {"zwnj", ""},          {"zwj", ""}};
  return kEntities;
}

bool IsBlock(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "p",  "div", "li", "tr", "h1",   "h2",      "h3",      "h4",     "h5",     "h6",
      "ul", "ol",  "dl", "dt", "dd",   "table",   "pre",     "hr",     "section", "article",
      "header", "footer", "blockquote", "address", "title", "center", "form"};
  for (std::string_view b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the reference starting at html[at] == '&' into `out`; returns how
// many bytes it took, or 0 when it is not one (the '&' is then text).
std::size_t DecodeReference(std::string_view html, std::size_t at, std::string& out) {
  std::size_t semi = html.find(';', at + 1);
  if (semi == std::string_view::npos || semi - at > 32 || semi == at + 1) return 0;
  std::string_view name = html.substr(at + 1, semi - at - 1);
  if (name[0] == '#') {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return 0;
    std::uint32_t cp = 0;
    for (char c : digits) {
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c))
                  ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                  : -1;
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    AppendUtf8(out, cp);
    return semi - at + 1;
  }
  auto it = Entities().find(name);
  if (it == Entities().end()) return 0;
  out.append(it->second);
  return semi - at + 1;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Trailing spaces off every line, no more than one blank line in a row, no
// blank lines at either end.
std::string Tidy(const std::string& raw) {
  std::string out;
  std::size_t newlines = 0;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    std::string_view line(raw.data() + start, end - start);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (line.empty()) {
      ++newlines;
    } else {
      if (!out.empty()) out.append(newlines > 1 ? "\n\n" : "\n");
      out.append(line);
      newlines = 1;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  const std::string lower = Lower(html);
  std::string out;
  bool pre = false;
  bool space = false;  // collapsed whitespace waiting for the next text
  auto newline = [&] {
    out.push_back('\n');
    space = false;
  };
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (lower.compare(i, 4, "<!--") == 0) {
        std::size_t end = lower.find("-->", i + 4);
        i = end == std::string::npos ? html.size() : end + 3;
        continue;
      }
      std::size_t end = lower.find('>', i + 1);
      if (end == std::string::npos) break;  // an unfinished tag: nothing readable follows
      std::size_t n = i + 1;
      bool closing = n < end && lower[n] == '/';
      if (closing) ++n;
      std::size_t name_end = n;
      while (name_end < end && std::isalnum(static_cast<unsigned char>(lower[name_end]))) {
        ++name_end;
      }
      std::string name = lower.substr(n, name_end - n);
      i = end + 1;
      if (!closing && (name == "script" || name == "style" || name == "head")) {
        std::size_t close = lower.find("</" + name, i);
        std::size_t close_end = close == std::string::npos ? close : lower.find('>', close);
        i = close_end == std::string::npos ? html.size() : close_end + 1;
        continue;
      }
      if (name == "pre") pre = !closing;
      if (name == "br") {
        newline();
      } else if (IsBlock(name)) {
        newline();
        if (name == "p" || name == "blockquote" || name == "table") newline();
      } else if (name == "td" || name == "th") {
        space = true;
      }
      continue;
    }
    // Text: the collapsed space before it first, then the character or reference.
    bool blank = !pre && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f');
    if (blank) {
      space = true;
      ++i;
      continue;
    }
    if (space && !out.empty() && out.back() != '\n') out.push_back(' ');
    space = false;
    if (c == '&') {
      std::size_t used = DecodeReference(html, i, out);
      if (used == 0) {
        out.push_back('&');
        used = 1;
      }
      i += used;
      continue;
    }
    ++i;
    if (c == '\r' && i < html.size() && html[i] == '\n') continue;  // CRLF is one break
    out.push_back(c == '\r' ? '\n' : c);
  }
  return Tidy(out);
}

}  // namespace srcbot::mail
