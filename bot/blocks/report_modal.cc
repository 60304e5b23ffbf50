#include "bot/blocks/report_modal.h"

#include "bot/blocks/block_kit.h"
#include "bot/decode/form_decoder.h"
#include "core/case.h"
#include "core/time.h"

namespace srcbot::bot {
namespace {

using nlohmann::json;

std::string Trim(const std::string& s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  std::size_t first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return std::string();
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

// The same rule as `--repo` in commands/lifecycle_verbs.cc, checked here too so
// the person sees the error next to the field instead of losing the form.
bool LooksLikeRepo(const std::string& repo) {
  std::size_t slash = repo.find('/');
  return slash != std::string::npos && slash > 0 && slash + 1 < repo.size() &&
         repo.find('/', slash + 1) == std::string::npos &&
         repo.find_first_of(" \t") == std::string::npos;
}

std::string OriginChannel(const json& view) {
  json metadata = json::parse(StringField(view, "private_metadata"), nullptr, false);
  return StringField(metadata, "channel");
}

}  // namespace

std::string ModalInputValue(const json& view, std::string_view block_id) {
  const json& values = ObjectField(ObjectField(view, "state"), "values");
  const json& block = ObjectField(values, std::string(block_id));
  if (!block.is_object() || block.empty()) return std::string();
  const json& element = block.begin().value();
  std::string value = StringField(element, "value");
  if (value.empty()) value = StringField(ObjectField(element, "selected_option"), "value");
  return Trim(value);
}

std::string QuoteArg(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    std::string_view rest = text.substr(i);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (rest.starts_with("\xE2\x80\x9C") || rest.starts_with("\xE2\x80\x9D")) {
      out += '\\';  // smart quotes close a quoted argument too
      out += rest.substr(0, 3);
      i += 2;
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

ReportSubmission ReadReportSubmission(const json& view) {
  ReportSubmission out;
  std::string title = ModalInputValue(view, kReportTitleBlock);
  std::string repo = ModalInputValue(view, kReportRepoBlock);
  std::string received = ModalInputValue(view, kReportReceivedBlock);
  std::string reporter = ModalInputValue(view, kReportReporterBlock);
  std::string via = ModalInputValue(view, kReportViaBlock);
  out.channel = OriginChannel(view);

  auto error = [&](std::string_view block, std::string message) {
    out.errors.emplace(std::string(block), std::move(message));
  };
  if (title.empty()) error(kReportTitleBlock, "Give the report a title.");
  if (!repo.empty() && !LooksLikeRepo(repo)) {
    error(kReportRepoBlock, "Use owner/name, like acme/widget.");
  }
  if (!received.empty() && !core::ParseIsoTime(received)) {
    error(kReportReceivedBlock, "Use an ISO-8601 time, like 2026-11-20T09:30Z.");
  }
  if (!via.empty() && !core::ParseVia(via)) {
    error(kReportViaBlock, "Choose email, private or public.");
  }
  if (out.channel.empty() && !out.errors.contains(std::string(kReportTitleBlock))) {
    error(kReportTitleBlock, "This form lost its channel. Cancel it and run /src report again.");
  }
  if (!out.errors.empty()) return out;

  out.command_text = "report " + QuoteArg(title);
  if (!repo.empty()) out.command_text += " --repo " + QuoteArg(repo);
  if (!received.empty()) out.command_text += " --received " + QuoteArg(received);
  if (!reporter.empty()) out.command_text += " --reporter " + QuoteArg(reporter);
  if (!via.empty()) out.command_text += " --via " + QuoteArg(via);
  return out;
}

}  // namespace srcbot::bot
