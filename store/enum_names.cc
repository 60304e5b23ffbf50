#include "store/enum_names.h"

#include <array>
#include <utility>

namespace srcbot::store {
namespace {

constexpr std::array<core::Stage, 8> kStages = {
    core::Stage::kReported,       core::Stage::kTriage,           core::Stage::kFixTeam,
    core::Stage::kFixDevelopment, core::Stage::kReleaseScheduled, core::Stage::kReleased,
    core::Stage::kRetrospective,  core::Stage::kClosed,
};

constexpr std::array<std::pair<core::GoingPublic, std::string_view>, 3> kGoingPublicNames = {{
    {core::GoingPublic::kNo, "no"},
    {core::GoingPublic::kAccepted, "accepted"},
    {core::GoingPublic::kRefused, "refused"},
}};

}  // namespace

std::optional<core::Stage> ParseStage(std::string_view name) {
  // Through core::StageName, so the two can never disagree.
  for (core::Stage s : kStages) {
    if (core::StageName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view GoingPublicName(core::GoingPublic value) {
  for (const auto& [v, name] : kGoingPublicNames) {
    if (v == value) return name;
  }
  return "no";
}

std::optional<core::GoingPublic> ParseGoingPublic(std::string_view name) {
  for (const auto& [v, n] : kGoingPublicNames) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace srcbot::store
