#include "config/config_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace srcbot::config {
namespace {

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// A bare value is a number or a boolean. Dates such as 2026-01-01 are TOML local
// dates and pass as well, which suits `holidays`. Anything else must be quoted, so
// that a typo like `db = /var/lib/x` is caught rather than half-read.
bool IsBareValue(std::string_view token) {
  if (token == "true" || token == "false") return true;
  size_t start = (token[0] == '+' || token[0] == '-') ? 1 : 0;
  if (start >= token.size() ||
      !(std::isdigit(static_cast<unsigned char>(token[start])) || token[start] == '.')) {
    return false;
  }
  return std::all_of(token.begin(), token.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ||
           std::string_view("+-._eE").find(c) != std::string_view::npos;
  });
}

void AppendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A cursor over the whole text rather than a line splitter, because arrays may
// span lines. Every error carries the line the cursor is on; none quotes the value.
class Parser {
 public:
  Parser(std::string_view text, std::string_view name) : text_(text), name_(name) {}

  core::Result<ConfigFile> Run() {
    ConfigFile file;
    file.name = std::string(name_);
    while (true) {
      SkipBlank();
      if (AtEnd()) break;
      FileEntry entry;
      entry.line = line_;
      if (core::Status s = ParseKey(entry.key); !s.ok()) return s;
      SkipSpaces();
      if (!Consume('=')) return Error("expected '=' after the key");
      SkipSpaces();
      core::Status s = Peek() == '[' ? ParseArray(entry.value) : ParseScalarInto(entry.value);
      if (!s.ok()) return s;
      if (s = EndOfLine(); !s.ok()) return s;
      if (const FileEntry* first = file.Find(entry.key)) {
        return core::Status::Invalid(Where(entry.line) + "duplicate key \"" + entry.key +
                                     "\" (first set on line " + std::to_string(first->line) + ")");
      }
      file.entries.push_back(std::move(entry));
    }
    return file;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  void Advance() {
    if (text_[pos_++] == '\n') ++line_;
  }
  bool Consume(char c) {
    if (Peek() != c || AtEnd()) return false;
    Advance();
    return true;
  }
  std::string Where(int line) const { return name_ + ":" + std::to_string(line) + ": "; }
  core::Status Error(const std::string& what) const {
    return core::Status::Invalid(Where(line_) + what);
  }

  // '\r' counts as a space so that files saved with CRLF line ends read the same.
  void SkipSpaces() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\r')) Advance();
  }
  void SkipComment() {
    if (Peek() != '#') return;
    while (!AtEnd() && Peek() != '\n') Advance();
  }
  // Spaces, comments and line ends: the space between entries and between array items.
  void SkipBlank() {
    while (true) {
      SkipSpaces();
      SkipComment();
      if (!Consume('\n')) return;
    }
  }

  core::Status EndOfLine() {
    SkipSpaces();
    SkipComment();
    if (AtEnd() || Consume('\n')) return core::Status::Ok();
    return Error("unexpected text after the value (one key = value per line)");
  }

  core::Status ParseKey(std::string& key) {
    if (Peek() == '[') return Error("tables ([section]) are not supported; write key = value");
    if (Peek() == '"' || Peek() == '\'') return Error("quoted keys are not supported");
    size_t start = pos_;
    while (!AtEnd() && IsKeyChar(Peek())) Advance();
    if (pos_ == start) return Error("expected a key");
    if (Peek() == '.') return Error("dotted keys are not supported");
    key = NormalizeKey(text_.substr(start, pos_ - start));
    return core::Status::Ok();
  }

  core::Status ParseScalarInto(std::variant<std::string, std::vector<std::string>>& value) {
    std::string out;
    core::Status s = ParseScalar(out);
    value = std::move(out);
    return s;
  }

  core::Status ParseScalar(std::string& out) {
    if (Peek() == '"') return ParseBasicString(out);
    if (Peek() == '\'') return ParseLiteralString(out);
    if (Peek() == '[') return Error("nested arrays are not supported");
    size_t start = pos_;
    while (!AtEnd() && std::string_view(" \t\r\n#,]\"'").find(Peek()) == std::string_view::npos) {
      Advance();
    }
    if (pos_ == start) return Error("missing value");
    out = std::string(text_.substr(start, pos_ - start));
    if (!IsBareValue(out)) return Error("expected a quoted string, a number or an array");
    return core::Status::Ok();
  }

  core::Status ParseLiteralString(std::string& out) {
    Advance();  // opening '
    while (!AtEnd() && Peek() != '\'' && Peek() != '\n') {
      out += Peek();
      Advance();
    }
    if (!Consume('\'')) return Error("unterminated string");
    return core::Status::Ok();
  }

  // The hex digits of \uXXXX or \UXXXXXXXX, appended to `out` as UTF-8.
  core::Status ParseUnicodeEscape(size_t width, std::string& out) {
    if (pos_ + width > text_.size()) return Error("bad \\u escape in string");
    unsigned long cp = 0;
    const char* begin = text_.data() + pos_;
    auto [end, ec] = std::from_chars(begin, begin + width, cp, 16);
    if (ec != std::errc() || end != begin + width || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return Error("bad \\u escape in string");
    AppendUtf8(out, cp);
    pos_ += width;  // hex digits hold no newline, so the line count stays right
    return core::Status::Ok();
  }

  core::Status ParseBasicString(std::string& out) {
    Advance();  // opening "
    while (!AtEnd() && Peek() != '"' && Peek() != '\n') {
      char c = Peek();
      Advance();
      if (c != '\\') {
        out += c;
        continue;
      }
      if (AtEnd()) break;
      char e = Peek();
      Advance();
      if (e == 'u' || e == 'U') {
        if (core::Status s = ParseUnicodeEscape(e == 'u' ? 4 : 8, out); !s.ok()) return s;
        continue;
      }
      constexpr std::string_view kEscapes = "\"\\ntrbf";
      constexpr std::string_view kMeanings = "\"\\\n\t\r\b\f";
      size_t index = kEscapes.find(e);
      if (index == std::string_view::npos) return Error("unsupported escape in string");
      out += kMeanings[index];
    }
    if (!Consume('"')) return Error("unterminated string");
    return core::Status::Ok();
  }

  core::Status ParseArray(std::variant<std::string, std::vector<std::string>>& value) {
    int open_line = line_;
    Advance();  // [
    std::vector<std::string> items;
    const core::Status unterminated =
        core::Status::Invalid(Where(open_line) + "unterminated array (missing ']')");
    while (true) {
      SkipBlank();
      if (AtEnd()) return unterminated;
      if (Consume(']')) break;
      std::string item;
      if (core::Status s = ParseScalar(item); !s.ok()) return s;
      items.push_back(std::move(item));
      SkipBlank();
      if (AtEnd()) return unterminated;
      if (Consume(']')) break;
      if (!Consume(',')) return Error("expected ',' or ']' in array");
    }
    value = std::move(items);
    return core::Status::Ok();
  }

  std::string_view text_;
  std::string name_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

const FileEntry* ConfigFile::Find(std::string_view key) const {
  std::string normal = NormalizeKey(key);
  for (const FileEntry& entry : entries) {
    if (entry.key == normal) return &entry;
  }
  return nullptr;
}

std::string NormalizeKey(std::string_view key) {
  std::string out(key);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

core::Result<ConfigFile> ParseConfigText(std::string_view text, std::string_view name) {
  return Parser(text, name).Run();
}

core::Result<ConfigFile> ReadConfigFile(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return core::Status::NotFound("config file " + path + ": no such file");
  }
  // A directory opens fine with ifstream on Linux and then reads as empty, which
  // would silently mean "no settings"; refuse it up front.
  if (!std::filesystem::is_regular_file(status)) {
    return core::Status::Invalid("config file " + path + ": not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Unavailable("config file " + path + ": cannot open for reading");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return core::Status::Unavailable("config file " + path + ": read error");
  return ParseConfigText(text.str(), path);
}

}  // namespace srcbot::config
