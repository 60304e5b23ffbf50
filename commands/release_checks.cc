#include "commands/release_checks.h"

#include "core/advisory_records.h"
#include "core/markup.h"

namespace srcbot::commands {
namespace {

std::string Bullets(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    out += "\n• ";
    out += core::Escape(l);
  }
  return out;
}

}  // namespace

core::Result<std::string> CheckReleaseGate(VerbContext& ctx, const core::Case& c,
                                           const std::string& version, const Args& args) {
  const std::string ref = core::CaseRef(c.id);
  const bool force = args.Has("force");
  const std::string reason = args.Value("reason");
  if (force && reason.empty()) {
    return core::Status::Invalid("--force needs --reason \"<why the release gate is overridden>\"");
  }
  if (ctx.options.releases == nullptr) {
    // Not a refusal: a deployment without GitHub (the console demo) must
    // still be able to release. But never silent: the line goes on the
    // timeline, into the reply and to the SRC channel.
    return std::string(kGateNotChecked) +
           ": GitHub is not configured (--github-token), so srcbot could not see the release "
           "of " +
           core::Escape(version) +
           ". Check by hand that it is published and its binaries are signed.";
  }
  std::vector<std::string> problems;
  std::string unreachable;
  if (c.repo.empty()) {
    problems.push_back(ref + " has no repository (/src triage " + ref + " --repo owner/name)");
  } else {
    auto found = ctx.options.releases->FindRelease(c.repo, version);
    if (!found.ok()) {
      unreachable = found.status().message();
    } else {
      problems = core::ReleaseProblems(found.value(), c.repo, version);
    }
  }
  const std::string how = "Check the release by hand and, if it is right, run /src release " + ref +
                          " … --force --reason \"<why>\".";
  if (!unreachable.empty() && !force) {
    return core::Status::Unavailable("Not released: the release gate could not ask GitHub about " +
                                     core::Escape(version) + " (" + core::Escape(unreachable) +
                                     "). Nothing was posted. Try again when GitHub answers. " +
                                     how);
  }
  if (!problems.empty() && !force) {
    return core::Status::Conflict(
        "Not released: the GitHub release does not pass the release gate, "
        "nothing was posted:" +
        Bullets(problems) + "\n" + how);
  }
  if (!unreachable.empty() || !problems.empty()) {
    std::string what = !unreachable.empty()
                           ? "GitHub could not be asked (" + core::Escape(unreachable) + ")"
                           : "The gate found:" + Bullets(problems);
    return std::string(kGateOverridden) + " by " + core::Mention(ctx.actor.user) +
           " (--force), reason: " + core::Escape(reason) + ". " + what;
  }
  return "Release gate passed: the GitHub release of " + core::Escape(version) + " in " +
         core::Escape(c.repo) + " is published and every binary asset has its signature.";
}

core::AdvisoryRecord AdvisoryOf(VerbContext& ctx, core::CaseId id) {
  core::AdvisoryRecord empty;
  empty.case_id = id;
  if (ctx.options.advisories == nullptr) return empty;
  auto record = ctx.options.advisories->Record(id);
  return record.ok() ? record.value() : empty;
}

AttachedRecords AttachRecords(VerbContext& ctx, core::Change& change,
                              const std::vector<core::Event>& timeline) {
  AttachedRecords out;
  const core::Case& c = change.after;
  const std::string ref = core::CaseRef(c.id);
  if (ctx.options.records == nullptr) {
    out.note = "No OSV or CSAF record attached: this srcbot has no record writer.";
    return out;
  }
  core::AdvisoryRecord advisory = AdvisoryOf(ctx, c.id);
  std::vector<core::Event> with_release = timeline;
  with_release.insert(with_release.end(), change.events.begin(), change.events.end());
  const std::vector<core::EmbargoDecision> no_decisions;
  ExportInputs in{c, with_release, no_decisions, advisory, ctx.now};
  auto attach = [&](std::string_view kind, const std::string& first_line, const std::string& body) {
    change.events.push_back({c.id, ctx.now, ctx.actor.user, ctx.actor.channel, std::string(kind),
                             first_line + "\n" + body});
  };
  auto osv = ctx.options.records->Render("osv", in);
  auto record = core::BuildOsv({c, advisory, with_release, ""});
  if (osv.ok() && record.ok()) {
    out.osv_id = record.value().id;
    out.osv_json = osv.value();
    attach(core::kAttachedOsv,
           "OSV record " + out.osv_id + " attached to " + ref + " (/src export " + ref +
               " --format osv).",
           osv.value());
  } else {
    out.note = "No OSV record attached: " + (osv.ok() ? record.status() : osv.status()).message();
  }
  auto csaf = ctx.options.records->Render("csaf", in);
  if (csaf.ok()) {
    attach(core::kAttachedCsaf,
           "CSAF advisory attached to " + ref + " (/src export " + ref + " --format csaf).",
           csaf.value());
  } else {
    // Appended piece by piece: GCC 12 at -O3 reports `"\n" + string` as a false -Wrestrict.
    if (!out.note.empty()) out.note += '\n';
    out.note += "No CSAF document attached: ";
    out.note += csaf.status().message();
  }
  return out;
}

Reply WithNote(Reply r, const std::string& note, core::CaseId id, bool in_fallback) {
  if (note.empty()) return r;
  if (!r.text.empty()) r.text += '\n';
  r.text += note;
  if (in_fallback) {
    if (!r.fallback.empty()) r.fallback += '\n';
    r.fallback += note;
  }
  if (r.about.empty()) r.about = {id};
  return r;
}

}  // namespace srcbot::commands
