#pragma once
// The case: one reported vulnerability, its stage, flags and fix team.
// Plain data; the rules that change it live in case_state_machine.h.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace srcbot::core {

using CaseId = std::int64_t;
using UserId = std::string;  // a Slack user id ("U123"), or a console user name

// In lifecycle order; the order matters (comparisons mean "at or past").
enum class Stage {
  kReported,
  kTriage,
  kFixTeam,
  kFixDevelopment,
  kReleaseScheduled,
  kReleased,
  kRetrospective,
  kClosed,
};

enum class Resolution { kNone, kFixed, kNotAVuln, kDuplicate, kUpstream, kWithdrawn };

// How the report reached the SRC. Only private channels let the reporter join the fix team.
enum class Via { kEmail, kPrivate, kPublic };

// The reporter's stated intent to disclose before a fix, and their answer to
// the SRC's request for private handling.
enum class GoingPublic { kNo, kAccepted, kRefused };

struct TeamMember {
  UserId user;
  bool outside = false;   // not a codeowner: pending until an SRC member approves
  bool approved = true;   // false only for pending outside members
  bool reporter = false;  // added through `reporter … --private-contact`
  std::string github;     // login to add as advisory collaborator, may be empty
};

struct Case {
  CaseId id = 0;
  std::string title;
  std::string repo;      // owner/name
  std::string affected;  // free text, e.g. "< 1.4.2"
  std::string upstream;  // upstream project when the code is not ours
  std::string reporter;  // credit line as reported ("Jane Doe, ACME")
  std::string credit;    // name the reporter agreed to be credited as; empty = no consent
  Via via = Via::kEmail;
  Stage stage = Stage::kReported;
  Resolution resolution = Resolution::kNone;

  bool is_public = false;
  bool slow = false;
  bool embargoed = true;
  GoingPublic going_public = GoingPublic::kNo;
  std::optional<bool> replicated;
  std::optional<double> cvss_score;  // unknown counts as "not low"
  std::string cvss_vector;           // as scored, e.g. "CVSS:3.1/AV:N/…"; may be empty

  // The public fields: after release, the only ones the public release posts
  // may carry (core/public_release.h). Empty until set.
  std::string fixed_version;     // the release that fixes it, e.g. "1.4.2"
  std::string cve;               // "CVE-2026-1234"
  std::string ghsa_id;           // "GHSA-xxxx-xxxx-xxxx"
  std::string public_summary;    // one paragraph written for the public
  std::string release_url;
  std::string advisory_url;
  std::string announcement_url;
  std::optional<TimePoint> release_day;  // the agreed release time

  UserId lead;
  std::vector<TeamMember> team;

  TimePoint received_at{};  // when the report reached the SRC; deadlines count from here
  TimePoint reported_at{};  // when it was recorded in srcbot
  std::optional<TimePoint> acknowledged_at;
  std::optional<TimePoint> team_formed_at;
  std::optional<TimePoint> fixed_at;
  std::optional<TimePoint> public_at;
  std::optional<TimePoint> released_at;
  std::optional<TimePoint> retro_done_at;
  std::optional<TimePoint> closed_at;

  bool IsOpen() const { return stage != Stage::kClosed; }
  // Approved team member (pending outside members do not count).
  bool HasTeamMember(std::string_view user) const;
  const TeamMember* FindTeamMember(std::string_view user) const;
};

std::string CaseRef(CaseId id);  // "SRC-7"
std::string_view StageName(Stage s);
std::string_view ResolutionName(Resolution r);
std::optional<Resolution> ParseResolution(std::string_view name);
std::string_view ViaName(Via v);
std::optional<Via> ParseVia(std::string_view name);

}  // namespace srcbot::core
