#include "core/case.h"

#include <algorithm>
#include <array>
#include <utility>

namespace srcbot::core {
namespace {

constexpr std::array<std::pair<Resolution, std::string_view>, 5> kResolutions{{
    {Resolution::kFixed, "fixed"},
    {Resolution::kNotAVuln, "not-a-vuln"},
    {Resolution::kDuplicate, "duplicate"},
    {Resolution::kUpstream, "upstream"},
    {Resolution::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<Via, std::string_view>, 3> kVias{{
    {Via::kEmail, "email"},
    {Via::kPrivate, "private"},
    {Via::kPublic, "public"},
}};

}  // namespace

const TeamMember* Case::FindTeamMember(std::string_view user) const {
  auto it = std::find_if(team.begin(), team.end(), [&](const TeamMember& m) { return m.user == user; });
  return it == team.end() ? nullptr : &*it;
}

bool Case::HasTeamMember(std::string_view user) const {
  const TeamMember* m = FindTeamMember(user);
  return m != nullptr && m->approved;
}

std::string CaseRef(CaseId id) { return "SRC-" + std::to_string(id); }

std::string_view StageName(Stage s) {
  switch (s) {
    case Stage::kReported: return "reported";
    case Stage::kTriage: return "triage";
    case Stage::kFixTeam: return "fix-team";
    case Stage::kFixDevelopment: return "fix-development";
    case Stage::kReleaseScheduled: return "release-scheduled";
    case Stage::kReleased: return "released";
    case Stage::kRetrospective: return "retrospective";
    case Stage::kClosed: return "closed";
  }
  return "unknown";
}

std::string_view ResolutionName(Resolution r) {
  for (const auto& [value, name] : kResolutions) {
    if (value == r) return name;
  }
  return "";
}

std::optional<Resolution> ParseResolution(std::string_view name) {
  for (const auto& [value, n] : kResolutions) {
    if (n == name) return value;
  }
  return std::nullopt;
}

std::string_view ViaName(Via v) {
  for (const auto& [value, name] : kVias) {
    if (value == v) return name;
  }
  return "";
}

std::optional<Via> ParseVia(std::string_view name) {
  for (const auto& [value, n] : kVias) {
    if (n == name) return value;
  }
  return std::nullopt;
}

}  // namespace srcbot::core
