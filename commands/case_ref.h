#pragma once
// Case references as people type them: SRC-7, src-7, Src-7 or 7.
// Pure: no I/O, never throws.

#include <string_view>

#include "commands/tokenizer.h"
#include "core/case.h"
#include "core/result.h"

namespace srcbot::commands {

// The largest case number accepted: 2^53, the largest integer a JSON number
// (an IEEE double) holds exactly, so ids survive JSON exports and payloads.
inline constexpr core::CaseId kMaxCaseNumber = core::CaseId{1} << 53;

// On success the case number n >= 1 of "SRC-<n>" (prefix in any case) or of
// "<n>" (ASCII digits only; leading zeros allowed; no sign, no spaces). On
// failure, kInvalidArgument: not a case id: "x" (expected SRC-<n>).
core::Result<core::CaseId> ParseCaseRef(std::string_view text);

// ParseCaseRef of a kWord or kQuoted token; any other kind fails the same way,
// quoting TokenText (so @7 or #7 are not cases).
core::Result<core::CaseId> CaseRefArg(const Token& token);

}  // namespace srcbot::commands
