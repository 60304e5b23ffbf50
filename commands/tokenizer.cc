#include "commands/tokenizer.h"
#include "core/str_cat.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <utility>

namespace srcbot::commands {
namespace {

using core::Status;
constexpr size_t kNpos = std::string_view::npos;

constexpr std::string_view kAsciiSpaces = " \t\n\r\v\f";  // Slack ids and URLs hold none
// Option+Space on macOS types U+00A0, which looks like a space in Slack.
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
// macOS and iOS "smart quotes" turn " into “ and ” as people type in Slack.
constexpr std::string_view kSmartQuotes[] = {"\xE2\x80\x9C", "\xE2\x80\x9D"};
// macOS "smart dashes" turn -- into an em dash; some keyboards give an en dash.
constexpr std::string_view kSmartDashes[] = {"\xE2\x80\x94", "\xE2\x80\x93"};
constexpr std::string_view kSpecialMention = "special mentions are not accepted";

size_t SpaceLength(std::string_view rest) {
  if (!rest.empty() && kAsciiSpaces.find(rest[0]) != kNpos) return 1;
  return rest.starts_with(kNoBreakSpace) ? kNoBreakSpace.size() : 0;
}

size_t MarkLength(std::string_view rest, std::string_view ascii,
                  std::span<const std::string_view> smart) {
  if (rest.starts_with(ascii)) return ascii.size();
  for (std::string_view mark : smart) {
    if (rest.starts_with(mark)) return mark.size();
  }
  return 0;
}
size_t QuoteLength(std::string_view rest) { return MarkLength(rest, "\"", kSmartQuotes); }
size_t DashLength(std::string_view rest) { return MarkLength(rest, "--", kSmartDashes); }

// Slack sends the &, < and > a person typed as &amp; &lt; &gt; (only those),
// so that a raw < always opens one of its escapes. Decodes one character.
size_t DecodeOne(std::string_view rest, std::string& out) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};
  for (const auto& [entity, c] : kEntities) {
    if (rest.starts_with(entity)) {
      out += c;
      return entity.size();
    }
  }
  out += rest[0];
  return 1;
}

std::string DecodeEntities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) i += DecodeOne(s.substr(i), out);
  return out;
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsFlagChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '-' || c == '_'; }

bool AllOf(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

// "https:…", "mailto:…": a URI scheme and something after it.
bool IsUri(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == kNpos || colon == 0 || colon + 1 == s.size() || !IsAlpha(s[0])) return false;
  return AllOf(s.substr(0, colon),
               [](char c) { return IsAlpha(c) || IsDigit(c) || c == '+' || c == '.' || c == '-'; });
}

// SLACK.md §2: private channels may arrive without the '#', as <C987654321|>.
bool IsChannelId(std::string_view s) {
  return s.size() > 1 && (s[0] == 'C' || s[0] == 'G') &&
         AllOf(s.substr(1), [](char c) { return (c >= 'A' && c <= 'Z') || IsDigit(c); });
}

// <!here>, <!channel>, <!everyone>, <!subteam^S1|@team>: echoing them back would
// ping whole channels or groups, so they are refused wherever they appear.
bool IsSpecialMention(std::string_view inner) {
  std::string_view target = inner.substr(0, inner.find('|'));
  return target.size() > 1 && target[0] == '!' && target.find_first_of(kAsciiSpaces) == kNpos;
}

// The inside of "<…>" as one of Slack's escapes; nullopt when it is not one.
std::optional<Token> ParseEscape(std::string_view inner) {
  size_t bar = inner.find('|');
  std::string_view target = inner.substr(0, bar);
  if (target.size() < 2 || target.find_first_of(kAsciiSpaces) != kNpos) return std::nullopt;
  std::string label = bar == kNpos ? "" : DecodeEntities(inner.substr(bar + 1));
  if (target[0] == '@') return Token{TokenKind::kUser, DecodeEntities(target.substr(1)), label};
  if (target[0] == '#') return Token{TokenKind::kChannel, DecodeEntities(target.substr(1)), label};
  if (IsChannelId(target)) return Token{TokenKind::kChannel, std::string(target), label};
  // Slack writes the & inside URLs as &amp; too.
  if (IsUri(target)) return Token{TokenKind::kLink, DecodeEntities(target), label};
  return std::nullopt;
}

// Keeps error messages on one short line, without cutting a UTF-8 sequence.
std::string Clip(std::string_view s) {
  size_t n = 40;
  if (s.size() <= n) return std::string(s);
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

// The console sends names and links as typed, where Slack would escape them.
Token RawWord(std::string_view raw, std::string display) {
  auto is_name_char = [](char c) { return IsFlagChar(c) || c == '.'; };
  if ((raw[0] == '@' || raw[0] == '#') && AllOf(raw.substr(1), is_name_char)) {
    return {raw[0] == '@' ? TokenKind::kUser : TokenKind::kChannel, std::string(raw.substr(1)), ""};
  }
  const bool link = raw.starts_with("http://") || raw.starts_with("https://");
  if (link && raw.size() > raw.find("//") + 2) return {TokenKind::kLink, std::move(display), ""};
  return {TokenKind::kWord, std::move(display), ""};
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  core::Result<std::vector<Token>> Run() {
    while (true) {
      while (size_t n = SpaceLength(Rest())) pos_ += n;
      if (pos_ == text_.size()) return std::move(tokens_);
      Status status = DashLength(Rest()) ? ReadFlag() : ReadValue();
      if (!status.ok()) return status;
    }
  }

 private:
  std::string_view Rest() const { return text_.substr(pos_); }
  bool AtBoundary() const { return pos_ == text_.size() || SpaceLength(Rest()) > 0; }
  std::string QuotedChunk() const {  // the rest of the current word, for errors
    size_t end = pos_;
    while (end < text_.size() && !SpaceLength(text_.substr(end))) ++end;
    return core::StrCat({"\"", Clip(text_.substr(pos_, end - pos_)), "\""});
  }

  // --name, or --name=value with the value read as its own token.
  Status ReadFlag() {
    const size_t dashes = DashLength(Rest());
    size_t end = pos_ + dashes;
    while (end < text_.size() && IsFlagChar(text_[end])) ++end;
    std::string name(text_.substr(pos_ + dashes, end - pos_ - dashes));
    std::string_view after = text_.substr(end);
    const bool bare = after.empty() || SpaceLength(after);
    if (name.empty() || !IsAlpha(name[0]) || !(bare || after[0] == '=')) {
      if (dashes != 2) return ReadValue();  // an em or en dash in prose
      if (name.empty() && bare) return Status::Invalid("\"--\" needs a flag name, like --repo");
      return Status::Invalid("not a flag: " + QuotedChunk());
    }
    pos_ = end;
    tokens_.push_back({TokenKind::kFlag, std::move(name), bare ? "" : std::string(kAttachedValue)});
    if (bare) return Status::Ok();
    ++pos_;
    if (AtBoundary()) return Status::Invalid(TokenText(tokens_.back()) + "= is missing its value");
    return ReadValue();
  }

  // A quoted string, a Slack escape standing alone, or a word.
  Status ReadValue() {
    const size_t open = QuoteLength(Rest());
    if (open == 0) return ReadWord();
    pos_ += open;
    std::string out;
    while (pos_ < text_.size()) {
      std::string_view rest = Rest();
      if (size_t close = QuoteLength(rest)) {
        pos_ += close;
        if (!AtBoundary()) return Status::Invalid("add a space after the quote: " + QuotedChunk());
        tokens_.push_back({TokenKind::kQuoted, std::move(out), ""});
        return Status::Ok();
      }
      size_t escaped = rest.starts_with("\\\\") ? 1 : QuoteLength(rest.substr(1));
      if (rest[0] == '\\' && escaped) {
        out += rest.substr(1, escaped);
        pos_ += 1 + escaped;
        continue;
      }
      // From Slack a raw < always opens an escape; from the console it may be
      // text like "< 1.4.2", which quotes keep as typed.
      size_t gt = rest[0] == '<' ? rest.find('>') : kNpos;
      std::string_view inner = gt == kNpos ? "" : rest.substr(1, gt - 1);
      if (IsSpecialMention(inner)) return Status::Invalid(std::string(kSpecialMention));
      if (std::optional<Token> escape = ParseEscape(inner)) {
        out += TokenText(*escape);
        pos_ += gt + 1;
        continue;
      }
      pos_ += DecodeOne(rest, out);
    }
    return Status::Invalid("unterminated quote");
  }

  Status ReadWord() {
    const size_t start = pos_;
    std::string display;
    while (!AtBoundary()) {
      std::string_view rest = Rest();
      if (rest[0] != '<') {
        pos_ += DecodeOne(rest, display);
        continue;
      }
      size_t gt = rest.find('>');
      if (gt == kNpos) return Status::Invalid("unterminated \"<\"; put text with < in quotes");
      std::string_view inner = rest.substr(1, gt - 1);
      if (IsSpecialMention(inner)) return Status::Invalid(std::string(kSpecialMention));
      std::optional<Token> escape = ParseEscape(inner);
      if (!escape) {
        return Status::Invalid("cannot read \"" + Clip(rest.substr(0, gt + 1)) +
                               "\"; put text with < or > in quotes");
      }
      pos_ += gt + 1;
      if (start + gt + 1 == pos_ && AtBoundary()) {
        tokens_.push_back(std::move(*escape));
        return Status::Ok();
      }
      display += TokenText(*escape);  // glued to other text, as in "(<@U1>)"
    }
    tokens_.push_back(RawWord(text_.substr(start, pos_ - start), std::move(display)));
    return Status::Ok();
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

core::Result<std::vector<Token>> Tokenize(std::string_view text) { return Scanner(text).Run(); }

std::string TokenText(const Token& token) {
  const std::string& shown = token.label.empty() ? token.value : token.label;
  if (token.kind == TokenKind::kUser) return "@" + shown;
  if (token.kind == TokenKind::kChannel) return "#" + shown;
  if (token.kind == TokenKind::kLink) return shown;
  if (token.kind == TokenKind::kFlag) return "--" + token.value;
  return token.value;
}

}  // namespace srcbot::commands
