#include "bot/blocks/block_kit.h"

#include <string_view>

namespace srcbot::bot {
namespace {

using nlohmann::json;

json PlainText(std::string_view text) {
  return {{"type", "plain_text"}, {"text", text}, {"emoji", true}};
}

json TextInput(std::string_view block_id, std::string_view label, std::string_view placeholder,
               std::string_view hint, bool optional) {
  json block = {{"type", "input"},
                {"block_id", block_id},
                {"optional", optional},
                {"label", PlainText(label)},
                {"element",
                 {{"type", "plain_text_input"},
                  {"action_id", block_id},
                  {"placeholder", PlainText(placeholder)}}}};
  if (!hint.empty()) block["hint"] = PlainText(hint);
  return block;
}

json Option(std::string_view value, std::string_view text) {
  return {{"text", PlainText(text)}, {"value", value}};
}

json ViaSelect() {
  json email = Option("email", "Email to the security address");
  return {{"type", "input"},
          {"block_id", kReportViaBlock},
          {"label", PlainText("Received via")},
          {"element",
           {{"type", "static_select"},
            {"action_id", kReportViaBlock},
            {"initial_option", email},
            {"options",
             json::array({email, Option("private", "A private report (e.g. GitHub advisory)"),
                          Option("public", "Already public (issue, mailing list…)")})}}}};
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where to end a chunk of `text`, which is longer than kMaxSectionText.
std::size_t CutPoint(std::string_view text) {
  std::string_view window = text.substr(0, kMaxSectionText);
  std::size_t cut = window.rfind('\n');
  if (cut == std::string_view::npos || cut == 0) cut = window.rfind(' ');
  if (cut == std::string_view::npos || cut == 0) {
    cut = kMaxSectionText;
    while (cut > 0 && IsContinuation(text[cut])) --cut;
  }
  // A Slack escape or an entity cut in two would show as garbage in both
  // halves; end the chunk before it instead (they are short, so there is room).
  std::string_view head = text.substr(0, cut);
  std::size_t open = head.rfind('<');
  if (open != std::string_view::npos && open > 0 &&
      head.find('>', open) == std::string_view::npos) {
    cut = open;
  }
  std::size_t amp = text.substr(0, cut).rfind('&');
  if (amp != std::string_view::npos && amp > 0 && cut - amp < 8 &&
      text.substr(amp, cut - amp).find(';') == std::string_view::npos) {
    cut = amp;
  }
  return cut == 0 ? kMaxSectionText : cut;
}

}  // namespace

json ReportModal(const std::string& origin_channel) {
  json blocks = json::array({
      TextInput(kReportTitleBlock, "Title", "Short summary of the issue", "", false),
      TextInput(kReportRepoBlock, "Repository", "owner/name", "", true),
      TextInput(kReportReceivedBlock, "Received", "2026-11-20T09:30Z",
                "When the report arrived (ISO-8601; UTC unless an offset is given). "
                "Empty: now.",
                true),
      TextInput(kReportReporterBlock, "Reporter credit", "Name to credit, if they want it", "",
                true),
      ViaSelect(),
  });
  return {{"type", "modal"},
          {"callback_id", kReportCallbackId},
          {"title", PlainText("Report a vulnerability")},
          {"submit", PlainText("Open case")},
          {"close", PlainText("Cancel")},
          {"private_metadata",
           json{{"channel", origin_channel}}.dump(-1, ' ', false, json::error_handler_t::replace)},
          {"blocks", std::move(blocks)}};
}

json TextBlocks(const std::string& mrkdwn) {
  json blocks = json::array();
  std::string_view rest = mrkdwn;
  while (!rest.empty()) {
    std::size_t cut = rest.size() <= kMaxSectionText ? rest.size() : CutPoint(rest);
    std::string_view chunk = rest.substr(0, cut);
    rest.remove_prefix(cut);
    // The line break or space we cut at would only pad the next block.
    if (!rest.empty() && (rest.front() == '\n' || rest.front() == ' ')) rest.remove_prefix(1);
    if (chunk.empty()) continue;
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", chunk}}}});
  }
  return blocks;
}

}  // namespace srcbot::bot
