#include "bot/blocks/block_kit.h"

#include <catch2/catch.hpp>

#include "bot/blocks/report_modal.h"

using namespace srcbot;
using nlohmann::json;

TEST_CASE("block kit: the report modal", "[inbound]") {
  json modal = bot::ReportModal("C123");
  CHECK(modal["type"] == "modal");
  CHECK(modal["callback_id"] == "src_report");
  CHECK(modal["title"]["text"] == "Report a vulnerability");
  CHECK(modal["title"]["text"].get<std::string>().size() <= 24);
  CHECK(modal["submit"]["text"] == "Open case");
  CHECK(json::parse(modal["private_metadata"].get<std::string>()) == json{{"channel", "C123"}});
  std::vector<std::string> ids;
  for (const json& block : modal["blocks"]) {
    CHECK(block["type"] == "input");
    CHECK(block["element"]["action_id"] == block["block_id"]);
    ids.push_back(block["block_id"]);
  }
  CHECK(ids == std::vector<std::string>{"title", "repo", "received", "reporter", "via"});
  CHECK(modal["blocks"][0]["optional"] == false);
  CHECK(modal["blocks"][1]["optional"] == true);
  const json& via = modal["blocks"][4]["element"];
  CHECK(via["type"] == "static_select");
  CHECK(via["options"].size() == 3);
  CHECK(via["initial_option"]["value"] == "email");
}

TEST_CASE("block kit: text blocks split long text at line breaks", "[inbound]") {
  CHECK(bot::TextBlocks("").empty());
  json one = bot::TextBlocks("*Hello*");
  REQUIRE(one.size() == 1);
  CHECK(one[0] == json{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "*Hello*"}}}});

  std::string line(99, 'x');
  std::string text = line;
  for (int i = 1; i < 70; ++i) text += "\n" + line;  // 6999 bytes
  json blocks = bot::TextBlocks(text);
  REQUIRE(blocks.size() == 3);
  std::string joined;
  for (const json& b : blocks) {
    std::string t = b["text"]["text"];
    CHECK(t.size() <= bot::kMaxSectionText);
    CHECK(t.back() == 'x');  // cut at a line break, which is dropped
    joined += (joined.empty() ? "" : "\n") + t;
  }
  CHECK(joined == text);
}

TEST_CASE("block kit: text blocks never split UTF-8, escapes or entities", "[inbound]") {
  std::string lock = "\xF0\x9F\x94\x92";  // 4 bytes, no spaces anywhere
  std::string text;
  for (int i = 0; i < 1000; ++i) text += lock;
  for (const json& b : bot::TextBlocks(text)) {
    std::string t = b["text"]["text"];
    CHECK(t.size() % 4 == 0);
  }
  std::string padded(2997, 'a');  // the limit falls 3 bytes into the tail
  for (const std::string& tail : {std::string("<@U123456|bob>"), std::string("&amp;x")}) {
    json blocks = bot::TextBlocks(padded + tail);
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0]["text"]["text"] == padded);
    CHECK(blocks[1]["text"]["text"] == tail);
  }
}

TEST_CASE("report modal: quoting survives the tokenizer's escapes", "[inbound]") {
  CHECK(bot::QuoteArg("plain") == "\"plain\"");
  CHECK(bot::QuoteArg("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
  CHECK(bot::QuoteArg("x < 1 & y > 2") == "\"x &lt; 1 &amp; y &gt; 2\"");
  CHECK(bot::QuoteArg("\xE2\x80\x9Cq\xE2\x80\x9D") == "\"\\\xE2\x80\x9Cq\\\xE2\x80\x9D\"");
}
