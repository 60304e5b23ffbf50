#pragma once
// Text names for the case enums that core/case.h names but does not parse
// (Stage) or does not name at all (GoingPublic). The database stores enums as
// these names; core's ViaName/ParseVia and ResolutionName/ParseResolution
// cover the others.
//
// Thread safety: pure functions.

#include <optional>
#include <string_view>

#include "core/case.h"

namespace srcbot::store {

// The inverse of core::StageName: "fix-team" -> Stage::kFixTeam.
std::optional<core::Stage> ParseStage(std::string_view name);

std::string_view GoingPublicName(core::GoingPublic value);  // "no", "accepted", "refused"
std::optional<core::GoingPublic> ParseGoingPublic(std::string_view name);

}  // namespace srcbot::store
