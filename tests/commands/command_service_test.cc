#include "commands/command_service.h"

#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;
using commands::Reply;

TEST_CASE("commands: errors are one line plus usage, and change nothing") {
  Fixture f;
  (void)f.Run("report Leak");
  const std::string before = f.Snapshot();

  Reply unknown = f.Run("frobnicate 1");
  CHECK(unknown.text == "Error: unknown verb \"frobnicate\". Try /src help.");

  Reply bad = f.Run("triage 1 --replicated maybe");
  CHECK(core::PlainText(bad.text) ==
        "Error: triage needs --replicated yes or --replicated no\n"
        "Usage: /src triage <case> --replicated yes|no [--repo owner/name] "
        "[--affected \"<versions>\"] [--upstream \"<project>\"]");

  CHECK_THAT(f.Run("ack SRC-99").text, Catch::StartsWith("Error: no case SRC-99"));
  CHECK_THAT(f.Run("ack banana").text, Catch::StartsWith("Error: not a case id"));
  CHECK_THAT(f.Run("ack 1 2").text, Catch::StartsWith("Error: unexpected \"2\""));
  CHECK_THAT(f.Run("report").text, Catch::StartsWith("Error: report needs a title"));
  CHECK_THAT(f.Run("report x --repo nope").text, Catch::Contains("owner/name"));
  CHECK_THAT(f.Run("report x --received yesterday").text, Catch::Contains("ISO-8601"));
  CHECK_THAT(f.Run("report x --bogus 1").text, Catch::Contains("--bogus"));
  CHECK_THAT(f.Run("report \"unterminated").text, Catch::Contains("quote"));
  CHECK_THAT(f.Run("close 1").text, Catch::Contains("--reason"));
  CHECK_THAT(f.Run("reporter 1 @rita").text, Catch::Contains("--private-contact"));
  CHECK_THAT(f.Run("going-public 1 --accepted --refused").text, Catch::Contains("exactly one"));
  CHECK(f.Snapshot() == before);
}

TEST_CASE("commands: who may do what") {
  Fixture f;
  (void)f.Run("report Leak");
  (void)f.Run("ack 1");
  (void)f.Run("triage 1 --replicated yes");
  (void)f.Run("team 1 add @dana");

  CHECK(f.Run("report Other", "eve").text == "Error: only SRC members can do that. Try /src help.");
  CHECK(f.store.cases.size() == 1);
  CHECK_THAT(f.Run("show 1", "eve").text, Catch::Contains("only the SRC and SRC-1's fix team"));
  CHECK_THAT(f.Run("show 1", "dana").text, Catch::Contains("SRC-1"));
  CHECK(f.Run("ack 1", "dana").text == "Error: only SRC members can do that. Try /src help.");
  (void)f.Run("fixed 1", "dana");
  CHECK(f.store.cases.at(1).fixed_at);
}

TEST_CASE("commands: a store failure is an error reply, not a crash") {
  Fixture f;
  f.store.fail_next = true;
  CHECK_THAT(f.Run("list").text, Catch::StartsWith("Error: "));
}

TEST_CASE("commands: over-long text, too many words and control bytes are refused whole") {
  using commands::RefuseCommandText;
  CHECK_FALSE(RefuseCommandText("report \"Tabs\tand\nlines\r\n are text\""));
  CHECK_FALSE(RefuseCommandText(std::string(8000, 'a')));
  CHECK_THAT(*RefuseCommandText(std::string(8001, 'a')), Catch::Contains("too long"));
  CHECK_THAT(*RefuseCommandText(std::string("report \"a\0b\"", 12)),
             Catch::Contains("control character"));
  CHECK(RefuseCommandText("report \x1b[31mred"));
  CHECK(RefuseCommandText("report \x7f"));
  CHECK(*RefuseCommandText("report \"bad \xff\xfe\"") ==
        "Error: the command is not valid UTF-8. Nothing was changed.");
  CHECK_FALSE(RefuseCommandText("report \"\xF0\x9F\x94\x92 \xD7\xA9\""));

  Fixture f;
  (void)f.Run("report Leak");
  const std::string before = f.Snapshot();
  std::string many = "report";
  for (int i = 0; i < 10'000; ++i) many += " w" + std::to_string(i);
  CHECK_THAT(f.Run(many).text, Catch::StartsWith("Error: the command is too long"));
  std::string hundred_and_one = "report";
  for (int i = 0; i < 100; ++i) hundred_and_one += " w";
  CHECK(f.Run(hundred_and_one).text ==
        "Error: the command has 101 words; at most 100. Nothing was changed.");
  CHECK(f.Run(std::string("report \"nul\0byte\"", 17)).text ==
        "Error: the command contains a control character. Nothing was changed.");
  CHECK(f.Snapshot() == before);
  CHECK_THAT(f.Run(hundred_and_one.substr(0, hundred_and_one.size() - 2)).text,
             !Catch::StartsWith("Error"));
}
