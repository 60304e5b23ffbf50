#pragma once
// All the Block Kit JSON srcbot sends is built here: the report modal and the
// section blocks that carry mrkdwn text (help, replies). Pure: no I/O, never
// throws. Limits are Slack's (SLACK.md §6): modal title and submit at most 24
// characters, section text at most 3000.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace srcbot::bot {

// The report modal's callback_id, and its input blocks' block_ids. Each input's
// element has the same action_id as its block.
inline constexpr std::string_view kReportCallbackId = "src_report";
inline constexpr std::string_view kReportTitleBlock = "title";
inline constexpr std::string_view kReportRepoBlock = "repo";
inline constexpr std::string_view kReportReceivedBlock = "received";
inline constexpr std::string_view kReportReporterBlock = "reporter";
inline constexpr std::string_view kReportViaBlock = "via";
// Slack refuses a section whose text is longer than this.
inline constexpr std::size_t kMaxSectionText = 3000;

// The "Report a vulnerability" modal for views.open. `origin_channel` (where
// `/src report` was typed) travels in private_metadata as {"channel":"C…"}, so
// the submission can be answered there. Inputs: title (required), repo
// (optional owner/name), received (optional ISO-8601), reporter (optional
// credit), via (static_select email/private/public, email preselected).
nlohmann::json ReportModal(const std::string& origin_channel);

// `mrkdwn` as a JSON array of section blocks, each at most kMaxSectionText
// bytes, split at a line break when there is one (else a space), never inside
// a UTF-8 sequence, a Slack escape <…> or an entity &…;. Empty text: [].
nlohmann::json TextBlocks(const std::string& mrkdwn);

}  // namespace srcbot::bot
