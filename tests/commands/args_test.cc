#include "commands/args.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/commands/token_builders.h"
#include "tests/commands/token_printer.h"

namespace srcbot::commands {
namespace {

using namespace srcbot::commands::testing;

using Tokens = std::vector<Token>;
using Flags = std::map<std::string, std::string>;

// The flags of `team`, `slow` and `release`, enough to cover every kind.
const std::vector<FlagSpec> kFlags = {
    {"outside", false}, {"github", true},      {"reason", true},
    {"force", false},   {"release-url", true}, {"cover", true},
};

core::Result<Args> Parse(std::string_view text, const std::vector<FlagSpec>& allowed = kFlags) {
  auto tokens = Tokenize(text);
  INFO("text: " << std::string(text) << "\nerror: " << tokens.status().message());
  REQUIRE(tokens.ok());
  return ParseArgs(tokens.value(), allowed);
}

Args ParseOk(std::string_view text) {
  auto args = Parse(text);
  INFO("text: " << std::string(text) << "\nerror: " << args.status().message());
  REQUIRE(args.ok());
  return args.value();
}

std::string ParseError(std::string_view text, const std::vector<FlagSpec>& allowed = kFlags) {
  auto args = Parse(text, allowed);
  INFO("text: " << std::string(text));
  REQUIRE_FALSE(args.ok());
  CHECK(args.status().code() == core::Code::kInvalidArgument);
  return args.status().message();
}

TEST_CASE("args: no tokens give no positionals and no flags") {
  Args args = ParseOk("");
  CHECK(args.positionals.empty());
  CHECK(args.flags.empty());
  CHECK(args.flag_tokens.empty());
  CHECK_FALSE(args.Has("outside"));
}

TEST_CASE("args: positionals keep their order around flags") {
  Args args = ParseOk("SRC-3 --outside add <@U1|bob> --github bobgh \"x y\"");
  CHECK(args.positionals == Tokens{Word("SRC-3"), Word("add"), User("U1", "bob"), Quoted("x y")});
  CHECK(args.flags == Flags{{"outside", ""}, {"github", "bobgh"}});
  CHECK(args.Has("outside"));
  CHECK(args.Has("github"));
  CHECK_FALSE(args.Has("force"));
  CHECK(args.Value("github") == "bobgh");
  CHECK(args.Value("outside").empty());
  CHECK(args.Value("force").empty());
  REQUIRE(args.FlagToken("github") != nullptr);
  CHECK(*args.FlagToken("github") == Word("bobgh"));
  CHECK(args.FlagToken("outside") == nullptr);
  CHECK(args.FlagToken("force") == nullptr);
}

TEST_CASE("args: flag values of every kind, spaced or attached with =") {
  Args args = ParseOk(
      "--reason=\"holiday season\" --cover <@U2|carol> --release-url=<https://x.y/r|release> "
      "--github <http://bob.dev|bob.dev>");
  CHECK(args.positionals.empty());
  CHECK(args.flags == Flags{{"reason", "holiday season"},
                            {"cover", "@carol"},
                            {"release-url", "release"},
                            {"github", "bob.dev"}});
  CHECK(args.flag_tokens.at("reason") == Quoted("holiday season"));
  CHECK(args.flag_tokens.at("cover") == User("U2", "carol"));
  CHECK(UserArg(*args.FlagToken("cover")).value() == "U2");
  CHECK(LinkArg(*args.FlagToken("release-url")).value() == "https://x.y/r");
}

TEST_CASE("args: a value that starts with -- must be quoted") {
  CHECK(ParseOk("--reason \"--force\"").flags == Flags{{"reason", "--force"}});
  CHECK(ParseOk("--reason=--force").flags == Flags{{"reason", "--force"}});
  CHECK(ParseError("--reason --force") == "--reason needs a value");
}

TEST_CASE("args: flag errors") {
  CHECK(ParseError("SRC-3 --bogus") == "unknown flag --bogus");
  CHECK(ParseError("SRC-3 --bogus=1") == "unknown flag --bogus");
  CHECK(ParseError("--outside", {}) == "unknown flag --outside");
  CHECK(ParseError("SRC-3 --github") == "--github needs a value");
  CHECK(ParseError("--github --outside") == "--github needs a value");
  CHECK(ParseError("--outside x --outside") == "--outside given twice");
  CHECK(ParseError("--github a --github b") == "--github given twice");
  CHECK(ParseError("--github=a --github b") == "--github given twice");
  CHECK(ParseError("--outside=yes") == "--outside takes no value");
}

TEST_CASE("args: tokens built by hand parse the same way") {
  auto args = ParseArgs({Word("help"), Token{TokenKind::kFlag, "force", ""}}, kFlags);
  REQUIRE(args.ok());
  CHECK(args.value().positionals == Tokens{Word("help")});
  CHECK(args.value().Has("force"));
}

TEST_CASE("args: UserArg") {
  CHECK(UserArg(User("U123", "alice")).value() == "U123");
  CHECK(UserArg(User("alice")).value() == "alice");
  for (const auto& [token, shown] : std::vector<std::pair<Token, std::string>>{
           {Word("alice"), "alice"},
           {Quoted("@alice"), "@alice"},
           {Link("https://x.y"), "https://x.y"},
           {Token{TokenKind::kChannel, "C1", "general"}, "#general"},
           {Token{TokenKind::kFlag, "all", ""}, "--all"}}) {
    auto user = UserArg(token);
    REQUIRE_FALSE(user.ok());
    CHECK(user.status().code() == core::Code::kInvalidArgument);
    CHECK(user.status().message() == "expected a user, like @alice, got \"" + shown + "\"");
  }
}

TEST_CASE("args: LinkArg") {
  CHECK(LinkArg(Link("https://x.y/z", "label")).value() == "https://x.y/z");
  CHECK(LinkArg(Link("mailto:a@b")).value() == "mailto:a@b");
  CHECK(LinkArg(Quoted("https://x.y/z")).value() == "https://x.y/z");
  CHECK(LinkArg(Quoted("http://x.y")).value() == "http://x.y");
  for (const Token& token :
       {Word("x.y"), Quoted("https://x.y and more"), Quoted("ftp://x.y"), User("U1")}) {
    auto link = LinkArg(token);
    REQUIRE_FALSE(link.ok());
    CHECK(link.status().code() == core::Code::kInvalidArgument);
    CHECK(link.status().message() ==
          "expected a link, like https://example.com/…, got \"" + TokenText(token) + "\"");
  }
}

TEST_CASE("args: TokenText gives the text a token stands for") {
  CHECK(TokenText(Word("x")) == "x");
  CHECK(TokenText(Quoted("two words")) == "two words");
  CHECK(TokenText(User("U1")) == "@U1");
  CHECK(TokenText(User("U1", "bob")) == "@bob");
  CHECK(TokenText(Token{TokenKind::kChannel, "C1", "general"}) == "#general");
  CHECK(TokenText(Link("https://x.y")) == "https://x.y");
  CHECK(TokenText(Link("http://cosign.dev", "cosign.dev")) == "cosign.dev");
  CHECK(TokenText(Token{TokenKind::kFlag, "repo", ""}) == "--repo");
}

}  // namespace
}  // namespace srcbot::commands
