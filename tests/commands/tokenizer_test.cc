#include "commands/tokenizer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/commands/token_builders.h"
#include "tests/commands/token_printer.h"

namespace srcbot::commands {
namespace {

using namespace srcbot::commands::testing;

using Tokens = std::vector<Token>;

Tokens Lex(std::string_view text) {
  auto result = Tokenize(text);
  INFO("text: " << std::string(text) << "\nerror: " << result.status().message());
  REQUIRE(result.ok());
  return result.value();
}

std::string LexError(std::string_view text) {
  auto result = Tokenize(text);
  INFO("text: " << std::string(text));
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == core::Code::kInvalidArgument);
  return result.status().message();
}

TEST_CASE("grammar: empty and blank text give no tokens") {
  CHECK(Lex("").empty());
  CHECK(Lex("   ").empty());
  CHECK(Lex(" \t\r\n\v\f ").empty());
  CHECK(Lex("\xC2\xA0 \xC2\xA0").empty());  // macOS Option+Space
}

TEST_CASE("grammar: words split on any whitespace") {
  CHECK(Lex("  show\tSRC-7\nnow  ") == Tokens{Word("show"), Word("SRC-7"), Word("now")});
  CHECK(Lex("ack\xC2\xA0SRC-7") == Tokens{Word("ack"), Word("SRC-7")});
}

TEST_CASE("grammar: double quotes make one token that may hold spaces") {
  CHECK(Lex(R"(report "Signature bypass in verify" --repo sigstore/cosign)") ==
        Tokens{Word("report"), Quoted("Signature bypass in verify"), Flag("repo"),
               Word("sigstore/cosign")});
  CHECK(Lex(R"("two  spaces	and tab")") == Tokens{Quoted("two  spaces\tand tab")});
  CHECK(Lex(R"(summary "")") == Tokens{Word("summary"), Quoted("")});
  CHECK(Lex("\"line one\nline two\"") == Tokens{Quoted("line one\nline two")});
}

TEST_CASE("grammar: backslash escapes only quotes and backslashes inside quotes") {
  CHECK(Lex(R"("say \"hi\"")") == Tokens{Quoted(R"(say "hi")")});
  CHECK(Lex(R"("C:\\temp\\x")") == Tokens{Quoted(R"(C:\temp\x)")});
  CHECK(Lex(R"("a\nb \d")") == Tokens{Quoted(R"(a\nb \d)")});
  CHECK(Lex(R"("ends in \\")") == Tokens{Quoted(R"(ends in \)")});
  CHECK(Lex(R"("\“smart\”")") == Tokens{Quoted("“smart”")});
  CHECK(Lex(R"(a\"b)") == Tokens{Word(R"(a\"b)")});  // outside quotes, text
}

TEST_CASE("grammar: smart quotes count as double quotes") {
  CHECK(Lex("report “Signature bypass” --reporter “Jane Doe, ACME”") ==
        Tokens{Word("report"), Quoted("Signature bypass"), Flag("reporter"),
               Quoted("Jane Doe, ACME")});
  CHECK(Lex("“mixed marks\"") == Tokens{Quoted("mixed marks")});
  CHECK(Lex("\"mixed marks”") == Tokens{Quoted("mixed marks")});
  CHECK(Lex("”backwards“") == Tokens{Quoted("backwards")});
}

TEST_CASE("grammar: apostrophes, single quotes and mid-word quotes are text") {
  CHECK(Lex("report don't 'stop' it’s") ==
        Tokens{Word("report"), Word("don't"), Word("'stop'"), Word("it’s")});
  CHECK(Lex(R"(a 5" screen)") == Tokens{Word("a"), Word("5\""), Word("screen")});
  CHECK(Lex(R"(a"b c")") == Tokens{Word("a\"b"), Word("c\"")});
}

TEST_CASE("grammar: quote errors") {
  CHECK(LexError(R"(report "Signature bypass)") == "unterminated quote");
  CHECK(LexError("report “Signature bypass") == "unterminated quote");
  CHECK(LexError(R"("escaped close\")") == "unterminated quote");
  CHECK(LexError(R"(")") == "unterminated quote");
  CHECK(LexError(R"("title"--repo x)") == "add a space after the quote: \"--repo\"");
}

TEST_CASE("grammar: Slack user escapes") {
  CHECK(Lex("lead SRC-7 <@U123>") == Tokens{Word("lead"), Word("SRC-7"), User("U123")});
  CHECK(Lex("<@U123|alice>") == Tokens{User("U123", "alice")});
  CHECK(Lex("<@W0ENTERPRISE|> <@U1|bob smith>") ==
        Tokens{User("W0ENTERPRISE"), User("U1", "bob smith")});
}

TEST_CASE("grammar: Slack channel escapes") {
  CHECK(Lex("<#C123|general> <#C456>") == Tokens{Channel("C123", "general"), Channel("C456")});
  CHECK(Lex("<C987654321|>") == Tokens{Channel("C987654321")});  // private, per SLACK.md §2
  CHECK(Lex("<G0PRIV|src>") == Tokens{Channel("G0PRIV", "src")});
}

TEST_CASE("grammar: Slack link escapes") {
  CHECK(Lex("<https://x.y/z>") == Tokens{Link("https://x.y/z")});
  CHECK(Lex("<https://x.y/z|label>") == Tokens{Link("https://x.y/z", "label")});
  CHECK(Lex("<mailto:a@b>") == Tokens{Link("mailto:a@b")});
  CHECK(Lex("<mailto:jane@acme.com|jane@acme.com>") ==
        Tokens{Link("mailto:jane@acme.com", "jane@acme.com")});
  CHECK(Lex("<http://cosign.dev|cosign.dev>") == Tokens{Link("http://cosign.dev", "cosign.dev")});
  CHECK(Lex("<https://x.y/?a=1&amp;b=2|a &amp; b>") ==
        Tokens{Link("https://x.y/?a=1&b=2", "a & b")});
}

TEST_CASE("grammar: special mentions are refused anywhere") {
  for (const char* text :
       {"<!here>", "<!channel>", "<!everyone>", "<!here|here>", "<!subteam^S123|@security>",
        "ping <!here> now", "x<!channel>", "\"ping <!here> please\"", "--reason=<!channel>"}) {
    CHECK(LexError(text) == "special mentions are not accepted");
  }
}

TEST_CASE("grammar: angle brackets outside quotes must be Slack escapes") {
  CHECK(LexError("lead SRC-7 <@U123") == "unterminated \"<\"; put text with < in quotes");
  CHECK(LexError("--affected <1.4.2") == "unterminated \"<\"; put text with < in quotes");
  CHECK(LexError("<5>") == "cannot read \"<5>\"; put text with < or > in quotes");
  CHECK(LexError("<@>") == "cannot read \"<@>\"; put text with < or > in quotes");
  CHECK(LexError("a <b c> d") == "cannot read \"<b c>\"; put text with < or > in quotes");
}

TEST_CASE("grammar: raw console forms") {
  CHECK(Lex("lead SRC-7 @alice") == Tokens{Word("lead"), Word("SRC-7"), User("alice")});
  CHECK(Lex("@bob.smith_2 #general #sec-team") ==
        Tokens{User("bob.smith_2"), Channel("general"), Channel("sec-team")});
  CHECK(Lex("https://github.com/sigstore/cosign/pull/1 http://x.y") ==
        Tokens{Link("https://github.com/sigstore/cosign/pull/1"), Link("http://x.y")});
  CHECK(Lex("https://a.b/?q=1&amp;r=2") == Tokens{Link("https://a.b/?q=1&r=2")});
  // Not names or links: stay words, so UserArg/LinkArg can say what they expected.
  CHECK(Lex("@ # @alice, https:// ftp://x.y mailto:a@b") ==
        Tokens{Word("@"), Word("#"), Word("@alice,"), Word("https://"), Word("ftp://x.y"),
               Word("mailto:a@b")});
}

TEST_CASE("grammar: flags") {
  CHECK(Lex("list --all") == Tokens{Word("list"), Flag("all")});
  CHECK(Lex("--repo sigstore/cosign --going_public") ==
        Tokens{Flag("repo"), Word("sigstore/cosign"), Flag("going_public")});
  CHECK(Lex("--repo=sigstore/cosign") == Tokens{FlagEq("repo"), Word("sigstore/cosign")});
  CHECK(Lex(R"(--reason="two words" --x)") ==
        Tokens{FlagEq("reason"), Quoted("two words"), Flag("x")});
  CHECK(Lex("--reason=“smart quotes”") == Tokens{FlagEq("reason"), Quoted("smart quotes")});
  CHECK(Lex("--cover=<@U2|bob>") == Tokens{FlagEq("cover"), User("U2", "bob")});
  CHECK(Lex("--release-url=<https://x.y/r>") ==
        Tokens{FlagEq("release-url"), Link("https://x.y/r")});
  CHECK(Lex("--reason=--force") == Tokens{FlagEq("reason"), Word("--force")});
  CHECK(Lex("--hours=72") == Tokens{FlagEq("hours"), Word("72")});
}

TEST_CASE("grammar: macOS smart dashes count as --") {
  CHECK(Lex("—repo sigstore/cosign –all") ==
        Tokens{Flag("repo"), Word("sigstore/cosign"), Flag("all")});
  CHECK(Lex("—reason=\"late\"") == Tokens{FlagEq("reason"), Quoted("late")});
  CHECK(Lex("Bypass — a note –5") ==
        Tokens{Word("Bypass"), Word("—"), Word("a"), Word("note"), Word("–5")});
}

TEST_CASE("grammar: malformed flags") {
  CHECK(LexError("report x --") == "\"--\" needs a flag name, like --repo");
  CHECK(LexError("-- x") == "\"--\" needs a flag name, like --repo");
  CHECK(LexError("---x") == "not a flag: \"---x\"");
  CHECK(LexError("--5") == "not a flag: \"--5\"");
  CHECK(LexError("--=x") == "not a flag: \"--=x\"");
  CHECK(LexError("--a.b") == "not a flag: \"--a.b\"");
  CHECK(LexError("--repo=") == "--repo= is missing its value");
  CHECK(LexError("--repo= x") == "--repo= is missing its value");
}

TEST_CASE("grammar: dashes and angles inside quotes are text") {
  CHECK(Lex("-5 - -x") == Tokens{Word("-5"), Word("-"), Word("-x")});
  CHECK(Lex(R"("-5" "<5" "--all" "a > b")") ==
        Tokens{Quoted("-5"), Quoted("<5"), Quoted("--all"), Quoted("a > b")});
  CHECK(Lex(R"(--affected "< 1.4.2, >= 1.0")") ==
        Tokens{Flag("affected"), Quoted("< 1.4.2, >= 1.0")});
  CHECK(Lex(R"("<5 and 6>")") == Tokens{Quoted("<5 and 6>")});
}

TEST_CASE("grammar: Slack's HTML entities are decoded after escapes are read") {
  CHECK(Lex("&lt;@U1&gt;") == Tokens{Word("<@U1>")});
  CHECK(Lex("--affected \"&lt; 1.4.2\"") == Tokens{Flag("affected"), Quoted("< 1.4.2")});
  CHECK(Lex("--affected &lt; 1.4.2") == Tokens{Flag("affected"), Word("<"), Word("1.4.2")});
  CHECK(Lex("R&amp;D &gt;=2 &amp;lt; &quot; &amp") ==
        Tokens{Word("R&D"), Word(">=2"), Word("&lt;"), Word("&quot;"), Word("&amp")});
  CHECK(Lex("&lt;!here&gt;") == Tokens{Word("<!here>")});
  CHECK(Lex("@al&amp;ice") == Tokens{Word("@al&ice")});
}

TEST_CASE("grammar: Slack escapes inside quotes read as their display text") {
  CHECK(Lex(R"("SSRF via <http://fulcio.sigstore.dev|fulcio.sigstore.dev> redirect")") ==
        Tokens{Quoted("SSRF via fulcio.sigstore.dev redirect")});
  CHECK(Lex(R"("found by <@U1|bob> and <@U2> in <#C1|src>")") ==
        Tokens{Quoted("found by @bob and @U2 in #src")});
  CHECK(Lex(R"(--reporter "Jane &lt;<mailto:jane@acme.com|jane@acme.com>&gt;")") ==
        Tokens{Flag("reporter"), Quoted("Jane <jane@acme.com>")});
  CHECK(Lex(R"("see <https://x.y/a"b>")") == Tokens{Quoted("see https://x.y/a\"b")});
}

TEST_CASE("grammar: Slack escapes glued to other text make a word") {
  CHECK(Lex("(<@U1|bob>) <@U2>, x<http://a.io|a.io>y") ==
        Tokens{Word("(@bob)"), Word("@U2,"), Word("xa.ioy")});
  CHECK(Lex("<@U1><@U2>") == Tokens{Word("@U1@U2")});
}

TEST_CASE("grammar: whole command lines") {
  CHECK(Lex("report \"Signature bypass in verify\" --repo sigstore/cosign --received "
            "2026-11-20T09:00Z") == Tokens{Word("report"), Quoted("Signature bypass in verify"),
                                           Flag("repo"), Word("sigstore/cosign"), Flag("received"),
                                           Word("2026-11-20T09:00Z")});
  CHECK(Lex("team SRC-3 add <@U0B0B|bob> --github bobgh --outside") ==
        Tokens{Word("team"), Word("SRC-3"), Word("add"), User("U0B0B", "bob"), Flag("github"),
               Word("bobgh"), Flag("outside")});
  CHECK(Lex("link src-3 <https://github.com/sigstore/cosign/pull/9> \"the fix\"") ==
        Tokens{Word("link"), Word("src-3"), Link("https://github.com/sigstore/cosign/pull/9"),
               Quoted("the fix")});
}

}  // namespace
}  // namespace srcbot::commands
