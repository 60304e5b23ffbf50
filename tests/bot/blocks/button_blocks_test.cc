#include "bot/blocks/button_blocks.h"

#include <catch2/catch.hpp>

#include "bot/blocks/release_modal.h"

using namespace srcbot;
using nlohmann::json;

TEST_CASE("button blocks: the text, then one actions block of bare ids", "[buttons]") {
  json blocks = bot::ButtonBlocks("*New report SRC-3*: secret title",
                                  core::ButtonsFor(core::kOffersAck, {3}));
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0]["type"] == "section");
  const json& actions = blocks[1];
  CHECK(actions["type"] == "actions");
  CHECK(actions["block_id"] == "src_buttons");
  REQUIRE(actions["elements"].size() == 2);
  CHECK(actions["elements"][0]["action_id"] == "src_ack");
  CHECK(actions["elements"][0]["value"] == "SRC-3");
  CHECK(actions["elements"][0]["style"] == "primary");
  CHECK(actions["elements"][1]["action_id"] == "src_snooze");
  CHECK(actions["elements"][1]["text"]["text"] == "Snooze 4h");
  // The buttons carry no detail of the case.
  CHECK(actions.dump().find("secret") == std::string::npos);

  json vote = bot::ButtonBlocks("Vote #2", core::ButtonsFor(core::OffersVote(2), {}));
  CHECK(vote[1]["elements"][0]["action_id"] == "src_vote_yes");
  CHECK(vote[1]["elements"][0]["value"] == "2");
  CHECK(bot::ButtonBlocks("text", {}).size() == 1);
}

TEST_CASE("button blocks: action ids are read back strictly", "[buttons]") {
  CHECK(bot::ReadButtonActionId("src_ack") == core::ButtonAction::kAck);
  CHECK(bot::ReadButtonActionId("src_vote_abstain") == core::ButtonAction::kVoteAbstain);
  CHECK(bot::ReadButtonActionId("src_release") == core::ButtonAction::kRelease);
  CHECK_FALSE(bot::ReadButtonActionId("ack"));
  CHECK_FALSE(bot::ReadButtonActionId("src_close"));
  CHECK_FALSE(bot::ReadButtonActionId("src_"));
  CHECK_FALSE(bot::ReadButtonActionId(""));
}

namespace {

json Submitted(const json& metadata, const std::string& version, const std::string& url,
               const std::string& announcement = "") {
  auto input = [](const std::string& id, const std::string& v) {
    return json{{id, {{"type", "plain_text_input"}, {"value", v}}}};
  };
  return {{"callback_id", "src_release"},
          {"private_metadata", metadata.dump()},
          {"state",
           {{"values",
             {{"version", input("version", version)},
              {"release_url", input("release_url", url)},
              {"announcement_url", input("announcement_url", announcement)}}}}}};
}

}  // namespace

TEST_CASE("release modal: asks for the version and links, and confirms", "[buttons]") {
  json modal = bot::ReleaseModal(3, {"CSRC", "1.000001", "Release of SRC-3 set"});
  CHECK(modal["callback_id"] == "src_release");
  CHECK(modal["title"]["text"] == "Release SRC-3");
  CHECK(modal["title"]["text"].get<std::string>().size() <= 24);
  CHECK(modal["submit"]["text"] == "Release");
  CHECK(modal["blocks"][0]["text"]["text"].get<std::string>().find("lifts its embargo") !=
        std::string::npos);
  json metadata = json::parse(modal["private_metadata"].get<std::string>());
  CHECK(metadata["case"] == "SRC-3");
  CHECK(metadata["ts"] == "1.000001");
  // Too long a post text is dropped rather than breaking Slack's limit.
  json big = bot::ReleaseModal(3, {"CSRC", "1.1", std::string(5000, 'x')});
  CHECK(big["private_metadata"].get<std::string>().size() <= 3000);
}

TEST_CASE("release modal: the submission is the release line", "[buttons]") {
  json meta = {{"case", "SRC-3"}, {"channel", "CSRC"}, {"ts", "1.1"}, {"text", "post"}};
  auto ok = bot::ReadReleaseSubmission(
      Submitted(meta, "1.4.2", "https://example.com/r", "https://lists.example.com/a"));
  REQUIRE(ok.errors.empty());
  CHECK(ok.id == 3);
  CHECK(ok.origin.channel == "CSRC");
  CHECK(ok.command_text ==
        "release SRC-3 --version \"1.4.2\" --release-url \"https://example.com/r\" "
        "--announcement-url \"https://lists.example.com/a\"");

  auto missing = bot::ReadReleaseSubmission(Submitted(meta, "", "ftp://x"));
  CHECK(missing.errors.contains("version"));
  CHECK(missing.errors.contains("release_url"));
  CHECK(missing.command_text.empty());

  json forged = meta;
  forged["case"] = "SRC-3 --announcement-url x";
  CHECK(bot::ReadReleaseSubmission(Submitted(forged, "1", "https://e.com")).errors.contains("version"));
  CHECK(bot::ReadReleaseSubmission(json::object()).errors.size() == 1);
}
