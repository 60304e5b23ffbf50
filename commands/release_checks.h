#pragma once
// The parts of `release` beyond the state change (docs/release-gate.md,
// docs/advisory-records.md): the release gate asked before anything is
// posted, and the OSV and CSAF records attached to the case with the release.

#include <string>
#include <vector>

#include "commands/verb.h"
#include "core/change.h"

namespace srcbot::commands {

// Asks GitHub (ctx.options.releases) for the release of `version` in the
// case's repository. On success, the line to record on the timeline (passed,
// overridden with --force --reason, or not checked when GitHub is not
// configured). A refusal (kConflict: what is missing; kUnavailable: GitHub
// could not be asked) unless --force and --reason are given; --force alone
// is kInvalidArgument.
inline constexpr std::string_view kGateOverridden = "Release gate overridden";
inline constexpr std::string_view kGateNotChecked = "Release gate not checked";
core::Result<std::string> CheckReleaseGate(VerbContext& ctx, const core::Case& c,
                                           const std::string& version, const Args& args);

// The case's GitHub advisory record, or an empty one when GitHub is off.
core::AdvisoryRecord AdvisoryOf(VerbContext& ctx, core::CaseId id);

struct AttachedRecords {
  std::string osv_id;    // empty when no OSV record was made
  std::string osv_json;  // the record written to --osv-dir
  std::string note;      // for the reply: what could not be attached
};

// Builds the OSV and CSAF records of `change.after` (just released) and adds
// them to the change as timeline events (core::kAttachedOsv, kAttachedCsaf),
// so they commit with the release.
AttachedRecords AttachRecords(VerbContext& ctx, core::Change& change,
                              const std::vector<core::Event>& timeline);

// `reply` with `note` added on a line of its own to the text, and to the
// fallback (shown where details may not go) when `in_fallback`: only for a
// note that names no case detail.
Reply WithNote(Reply reply, const std::string& note, core::CaseId id, bool in_fallback);

}  // namespace srcbot::commands
