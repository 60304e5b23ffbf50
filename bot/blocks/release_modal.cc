#include "bot/blocks/release_modal.h"

#include "bot/blocks/report_modal.h"
#include "bot/decode/form_decoder.h"
#include "core/buttons.h"
#include "core/str_cat.h"

namespace srcbot::bot {
namespace {

using nlohmann::json;

// Slack's limit on private_metadata.
constexpr std::size_t kMaxMetadata = 3000;

json Plain(std::string_view text) {
  return {{"type", "plain_text"}, {"text", text}, {"emoji", true}};
}

json Input(std::string_view block_id, std::string_view label, std::string_view placeholder,
           bool optional) {
  return {{"type", "input"},
          {"block_id", block_id},
          {"optional", optional},
          {"label", Plain(label)},
          {"element",
           {{"type", "plain_text_input"},
            {"action_id", block_id},
            {"placeholder", Plain(placeholder)}}}};
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

bool IsHttpUrl(const std::string& url) {
  return (url.starts_with("https://") || url.starts_with("http://")) &&
         url.find_first_of(" \t<>|") == std::string::npos;
}

}  // namespace

json ReleaseModal(core::CaseId id, const ReleaseOrigin& origin) {
  const std::string ref = core::CaseRef(id);
  json metadata = {{"case", ref}, {"channel", origin.channel}, {"ts", origin.ts},
                   {"text", origin.post_text}};
  if (Dump(metadata).size() > kMaxMetadata) metadata["text"] = "";
  // Only the bare id is shown: the modal is judged like a DM to the clicker,
  // but it needs no detail to do its job.
  std::string warning = core::StrCat(
      {"Releasing *", ref,
       "* lifts its embargo and posts the public announcement to the general and development "
       "channels. This cannot be undone."});
  json blocks = json::array({
      {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", warning}}}},
      Input(kReleaseVersionBlock, "Fixed version", "1.4.2", false),
      Input(kReleaseUrlBlock, "Release URL", "https://github.com/owner/repo/releases/tag/v1.4.2",
            false),
      Input(kReleaseAnnouncementBlock, "Announcement URL", "https://groups.google.com/…", true),
  });
  return {{"type", "modal"},
          {"callback_id", kReleaseCallbackId},
          {"title", Plain(core::StrCat({"Release ", ref}))},
          {"submit", Plain("Release")},
          {"close", Plain("Cancel")},
          {"private_metadata", Dump(metadata)},
          {"blocks", std::move(blocks)}};
}

ReleaseSubmission ReadReleaseSubmission(const json& view) {
  ReleaseSubmission out;
  json metadata = json::parse(StringField(view, "private_metadata"), nullptr, false);
  out.origin.channel = StringField(metadata, "channel");
  out.origin.ts = StringField(metadata, "ts");
  out.origin.post_text = StringField(metadata, "text");
  std::string version = ModalInputValue(view, kReleaseVersionBlock);
  std::string url = ModalInputValue(view, kReleaseUrlBlock);
  std::string announcement = ModalInputValue(view, kReleaseAnnouncementBlock);

  // The case id goes through the same strict reading as a button's value.
  auto click = core::ReadClick("release", StringField(metadata, "case"));
  if (!click || out.origin.channel.empty()) {
    out.errors.emplace(std::string(kReleaseVersionBlock),
                       "This form lost its case. Cancel it and click Release again.");
    return out;
  }
  out.id = click->id;
  if (version.empty()) out.errors.emplace(std::string(kReleaseVersionBlock), "Give the fixed version.");
  if (!IsHttpUrl(url)) {
    out.errors.emplace(std::string(kReleaseUrlBlock), "Give the release's https:// link.");
  }
  if (!announcement.empty() && !IsHttpUrl(announcement)) {
    out.errors.emplace(std::string(kReleaseAnnouncementBlock), "Give an https:// link, or leave it empty.");
  }
  if (!out.errors.empty()) return out;
  out.command_text = core::StrCat({"release ", core::CaseRef(out.id), " --version ", QuoteArg(version),
                                   " --release-url ", QuoteArg(url)});
  if (!announcement.empty()) {
    out.command_text += " --announcement-url ";
    out.command_text += QuoteArg(announcement);
  }
  return out;
}

}  // namespace srcbot::bot
