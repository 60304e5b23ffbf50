#include "core/committee.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::core {
namespace {

constexpr std::array<std::pair<MemberStatus, std::string_view>, 5> kStatusNames = {{
    {MemberStatus::kActive, "active"},
    {MemberStatus::kTemporary, "temporary"},
    {MemberStatus::kEmeritus, "emeritus"},
    {MemberStatus::kRemoved, "removed"},
    {MemberStatus::kExpired, "expired"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A cover counts when it still sits on the SRC for the leave: a full member,
// or the temporary member created for this very leave.
bool CoverHolds(const std::vector<RosterEntry>& roster, const RosterEntry& member) {
  const RosterEntry* cover = FindMember(roster, member.leave->cover);
  if (cover == nullptr) return false;
  if (IsFullMember(*cover)) return true;
  return cover->status == MemberStatus::kTemporary && cover->covers == member.user;
}

std::string VendorWarning(const std::vector<RosterEntry>& roster) {
  std::map<std::string, int> per_vendor;
  std::map<std::string, std::string> shown;  // lower-case key → as first typed
  int full = 0;
  for (const RosterEntry& e : roster) {
    if (!IsFullMember(e)) continue;
    ++full;
    if (e.vendor.empty()) continue;
    std::string key = Lower(e.vendor);
    ++per_vendor[key];
    shown.emplace(key, e.vendor);
  }
  for (const auto& [key, count] : per_vendor) {
    int others = full - count;
    if (count > 2 * others) {
      return StrCat({"*", Escape(shown[key]), "* has ", std::to_string(count), " of ",
                     std::to_string(full),
                     " members, more than twice all other vendors together (the policy asks for "
                     "no more than 2:1)."});
    }
  }
  return "";
}

}  // namespace

std::string_view MemberStatusName(MemberStatus s) {
  for (const auto& [status, name] : kStatusNames) {
    if (status == s) return name;
  }
  return "active";
}

std::optional<MemberStatus> ParseMemberStatus(std::string_view name) {
  for (const auto& [status, n] : kStatusNames) {
    if (n == name) return status;
  }
  return std::nullopt;
}

bool IsFullMember(const RosterEntry& e) { return e.status == MemberStatus::kActive; }

bool HasSrcRights(const RosterEntry& e, TimePoint now) {
  if (IsFullMember(e)) return true;
  return e.status == MemberStatus::kTemporary && e.joined_at <= now && e.until && now < *e.until;
}

bool OnLeave(const RosterEntry& e, TimePoint now) {
  return IsFullMember(e) && e.leave && e.leave->Covers(now);
}

std::vector<UserId> ActiveMembers(const std::vector<RosterEntry>& roster, TimePoint now) {
  std::vector<UserId> out;
  for (const RosterEntry& e : roster) {
    if (HasSrcRights(e, now) && !OnLeave(e, now)) out.push_back(e.user);
  }
  return out;
}

const RosterEntry* FindMember(const std::vector<RosterEntry>& roster, std::string_view user) {
  auto it = std::find_if(roster.begin(), roster.end(),
                         [&](const RosterEntry& e) { return e.user == user; });
  return it == roster.end() ? nullptr : &*it;
}

std::vector<std::string> RosterWarnings(const std::vector<RosterEntry>& roster, TimePoint now) {
  std::vector<std::string> out;
  int full = static_cast<int>(std::count_if(roster.begin(), roster.end(), IsFullMember));
  if (full < kMinMembers || full > kMaxMembers) {
    out.push_back("The SRC has " + std::to_string(full) + " member" + (full == 1 ? "" : "s") +
                  "; the policy asks for 3–5.");
  }
  if (std::string vendor = VendorWarning(roster); !vendor.empty()) out.push_back(vendor);
  std::string unknown;
  for (const RosterEntry& e : roster) {
    if (IsFullMember(e) && e.vendor.empty())
      unknown += (unknown.empty() ? "" : ", ") + Mention(e.user);
  }
  if (!unknown.empty()) {
    out.push_back(
        "No vendor recorded for " + unknown +
        " (`members add @user --vendor &lt;name&gt;`), so the vendor balance is a guess.");
  }
  for (const RosterEntry& e : roster) {
    if (!IsFullMember(e) || !e.leave || e.leave->until <= now) continue;
    if (e.leave->Length() < kCoverNeededFrom || CoverHolds(roster, e)) continue;
    std::string why =
        e.leave->cover.empty() ? "" : " (" + Mention(e.leave->cover) + " is no longer on the SRC)";
    out.push_back(Mention(e.user) + "'s leave " + FormatDay(e.leave->from) + " → " +
                  FormatDay(e.leave->until - std::chrono::days(1)) + " has no cover" + why +
                  "; two weeks or more needs one.");
  }
  return out;
}

std::string FormatDay(TimePoint t) { return FormatIso(t).substr(0, 10); }

bool PlausibleTimeZone(std::string_view zone) {
  if (zone == "UTC") return true;
  static constexpr std::array<std::string_view, 11> kAreas = {
      "Africa",    "America", "Antarctica", "Arctic",  "Asia", "Atlantic",
      "Australia", "Europe",  "Indian",     "Pacific", "Etc"};
  auto slash = zone.find('/');
  if (slash == std::string_view::npos) return false;
  if (std::find(kAreas.begin(), kAreas.end(), zone.substr(0, slash)) == kAreas.end()) return false;
  std::string_view rest = zone.substr(slash + 1);
  int parts = 0;
  while (true) {
    auto next = rest.find('/');
    std::string_view part = rest.substr(0, next);
    if (part.empty() || !std::isalpha(static_cast<unsigned char>(part.front()))) return false;
    for (char c : part) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '+') {
        return false;
      }
    }
    if (++parts > 2) return false;
    if (next == std::string_view::npos) return true;
    rest = rest.substr(next + 1);
  }
}

std::optional<WorkingHours> ParseWorkingHours(std::string_view zone, std::string_view text) {
  auto two = [](std::string_view s) -> int {
    if (s.size() != 2 || !std::isdigit(static_cast<unsigned char>(s[0])) ||
        !std::isdigit(static_cast<unsigned char>(s[1]))) {
      return -1;
    }
    return (s[0] - '0') * 10 + (s[1] - '0');
  };
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  int start = two(text.substr(0, 2));
  int end = two(text.substr(3, 2));
  if (start < 0 || end < 0 || start > 23 || end > 24 || start == end) return std::nullopt;
  return WorkingHours{std::string(zone), start, end};
}

}  // namespace srcbot::core
