// export: a case as an OSV record or a CSAF advisory (after release), or as
// the Markdown and JSON exports of `srcbot export` (docs/advisory-records.md).

#include <array>

#include "commands/case_change.h"
#include "commands/release_checks.h"
#include "commands/verb_table.h"
#include "core/markup.h"

namespace srcbot::commands {
namespace {

// Slack refuses messages much longer than this; the rest is for `srcbot export`.
constexpr size_t kMaxShown = 35'000;

// `text` cut to at most `n` bytes, on a character boundary.
std::string CutAt(const std::string& text, size_t n) {
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

}  // namespace

bool IsExportFormat(std::string_view format) {
  static constexpr std::array<std::string_view, 4> kFormats = {"osv", "csaf", "markdown", "json"};
  for (std::string_view f : kFormats) {
    if (f == format) return true;
  }
  return false;
}

core::Result<Reply> RunExport(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "export");
  if (!id.ok()) return id.status();
  if (args.positionals.size() > 1) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[1])) +
                                 "\"");
  }
  std::string format = args.Has("format") ? args.Value("format") : "markdown";
  if (!IsExportFormat(format)) {
    return core::Status::Invalid("--format takes osv, csaf, markdown or json, not \"" +
                                 core::Escape(format) + "\"");
  }
  if (!ctx.actor.src_member) return core::Status::Denied("only SRC members can do that");
  if (ctx.options.records == nullptr) {
    return core::Status::Unavailable("export is not available here: run srcbot export " +
                                     core::CaseRef(id.value()) + " --format " + format);
  }
  auto c = ctx.store.Load(id.value());
  if (!c.ok()) return c.status();
  auto timeline = ctx.store.Timeline(id.value());
  if (!timeline.ok()) return timeline.status();
  auto decisions = ctx.store.Decisions(id.value());
  if (!decisions.ok()) return decisions.status();
  core::AdvisoryRecord advisory = AdvisoryOf(ctx, id.value());
  auto text = ctx.options.records->Render(
      format, {c.value(), timeline.value(), decisions.value(), advisory, ctx.now});
  // "Not released yet" says something about the case: like every detail, it
  // is shown only where the guard lets the case's details go.
  if (!text.ok()) return Reply{core::Escape(text.status().message()), {id.value()}, ""};
  std::string body = text.value();
  std::string cut;
  if (body.size() > kMaxShown) {
    body = CutAt(body, kMaxShown);
    cut = "\n(cut here: the whole export is `srcbot export " + core::CaseRef(id.value()) +
          " --format " + format + "`)";
  }
  return Reply{
      core::CaseRef(id.value()) + " as " + format + ":\n```\n" + core::Escape(body) + "\n```" + cut,
      {id.value()},
      ""};
}

}  // namespace srcbot::commands
