#include "core/advisory.h"

#include <algorithm>
#include <array>
#include <utility>

namespace srcbot::core {
namespace {

constexpr std::array<std::pair<AdvisoryJobKind, std::string_view>, 7> kJobNames = {{
    {AdvisoryJobKind::kCreate, "create"},
    {AdvisoryJobKind::kCollaborators, "collaborators"},
    {AdvisoryJobKind::kFork, "fork"},
    {AdvisoryJobKind::kWaitFork, "wait-fork"},
    {AdvisoryJobKind::kRequestCve, "cve"},
    {AdvisoryJobKind::kPublish, "publish"},
    {AdvisoryJobKind::kForkReminder, "fork-reminder"},
}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

bool IsRepoPart(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsDigit(c) || IsLower(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

std::string_view AdvisoryJobName(AdvisoryJobKind kind) {
  for (const auto& [k, name] : kJobNames) {
    if (k == kind) return name;
  }
  return "?";
}

std::optional<AdvisoryJobKind> ParseAdvisoryJobKind(std::string_view name) {
  for (const auto& [k, n] : kJobNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

// GitHub's security-advisory-ecosystems enumeration (REST API, 2022-11-28).
const std::vector<std::string_view>& AdvisoryEcosystems() {
  static const std::vector<std::string_view> kEcosystems = {
      "actions", "composer", "erlang", "go",       "maven", "npm",  "nuget",
      "other",   "pip",      "pub",    "rubygems", "rust",  "swift"};
  return kEcosystems;
}

bool IsAdvisoryEcosystem(std::string_view name) {
  const auto& all = AdvisoryEcosystems();
  return std::find(all.begin(), all.end(), name) != all.end();
}

bool IsCveId(std::string_view text) {
  if (text.size() < 13 || text.substr(0, 4) != "CVE-" || text[8] != '-') return false;
  return AllDigits(text.substr(4, 4)) && AllDigits(text.substr(9));
}

bool IsCweId(std::string_view text) {
  return text.size() > 4 && text.substr(0, 4) == "CWE-" && AllDigits(text.substr(4)) &&
         text.size() <= 12;
}

bool IsGhsaId(std::string_view text) {
  if (text.size() != 19 || text.substr(0, 5) != "GHSA-") return false;
  for (size_t i = 5; i < text.size(); ++i) {
    bool dash = i == 9 || i == 14;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !IsDigit(text[i]) && !IsLower(text[i])) return false;
  }
  return true;
}

bool IsRepoName(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  return IsRepoPart(text.substr(0, slash)) && IsRepoPart(text.substr(slash + 1));
}

std::vector<std::string> TeamLogins(const Case& c) {
  std::vector<std::string> logins;
  for (const TeamMember& m : c.team) {
    if (m.approved && !m.github.empty()) logins.push_back(m.github);
  }
  std::sort(logins.begin(), logins.end());
  logins.erase(std::unique(logins.begin(), logins.end()), logins.end());
  return logins;
}

}  // namespace srcbot::core
