#pragma once
// Case, change and message builders for the SqliteCaseStore tests, and a
// field-by-field case comparison (core::Case has no operator==).

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/case_store.h"
#include "store/sqlite_case_store.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store::testing {

using core::Audience;

inline std::unique_ptr<SqliteCaseStore> OpenOrFail(const std::string& path,
                                                   const core::Clock& clock) {
  auto store = SqliteCaseStore::Open(path, clock);
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline core::TeamMember TeamMate(std::string user, bool outside = false, bool approved = true,
                                 bool reporter = false, std::string github = "") {
  return {.user = user,
          .outside = outside,
          .approved = approved,
          .reporter = reporter,
          .github = github};
}

// A case with every field set away from its default, optionals included.
inline core::Case FullCase() {
  core::Case c;
  c.title = "Signature bypass \"quoted\" — ünïcode";
  c.repo = "sigstore/cosign";
  c.affected = "< 2.2.1";
  c.upstream = "go-tuf";
  c.reporter = "Jane Doe, ACME";
  c.credit = "Jane Doe";
  c.via = core::Via::kPrivate;
  c.stage = core::Stage::kFixDevelopment;
  c.resolution = core::Resolution::kUpstream;
  c.is_public = true;
  c.slow = true;
  c.embargoed = false;
  c.going_public = core::GoingPublic::kRefused;
  c.replicated = false;  // set-to-false must not come back as unset
  c.cvss_score = 3.7;
  c.lead = "ULEAD";
  c.team = {TeamMate("UOUT", /*outside=*/true, /*approved=*/false, /*reporter=*/false, "alice"),
            TeamMate("UREP", false, true, /*reporter=*/true),
            TeamMate("UDEV", false, true, false, "bob")};
  c.received_at = T(1000);
  c.reported_at = T(2000);
  c.acknowledged_at = T(3000);
  c.team_formed_at = T(4000);
  c.fixed_at = T(5000);
  c.public_at = T(6000);
  c.released_at = T(7000);
  c.retro_done_at = T(8000);
  c.closed_at = T(9000);
  c.cvss_vector = "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:N";
  c.fixed_version = "2.2.1";
  c.cve = "CVE-2026-0001";
  c.ghsa_id = "GHSA-abcd-efgh-ijkl";
  c.public_summary = "A summary — with ünïcode";
  c.release_url = "https://example.com/r";
  c.advisory_url = "https://example.com/a";
  c.announcement_url = "https://example.com/n";
  c.release_day = T(9500);
  return c;
}

inline void CheckSameCase(const core::Case& a, const core::Case& b) {
  CHECK(a.id == b.id);
  CHECK(a.title == b.title);
  CHECK(a.repo == b.repo);
  CHECK(a.affected == b.affected);
  CHECK(a.upstream == b.upstream);
  CHECK(a.reporter == b.reporter);
  CHECK(a.credit == b.credit);
  CHECK(a.via == b.via);
  CHECK(a.stage == b.stage);
  CHECK(a.resolution == b.resolution);
  CHECK(a.is_public == b.is_public);
  CHECK(a.slow == b.slow);
  CHECK(a.embargoed == b.embargoed);
  CHECK(a.going_public == b.going_public);
  CHECK(a.replicated == b.replicated);
  CHECK(a.cvss_score == b.cvss_score);
  CHECK(a.lead == b.lead);
  REQUIRE(a.team.size() == b.team.size());
  for (std::size_t i = 0; i < a.team.size(); ++i) {
    CHECK(a.team[i].user == b.team[i].user);
    CHECK(a.team[i].outside == b.team[i].outside);
    CHECK(a.team[i].approved == b.team[i].approved);
    CHECK(a.team[i].reporter == b.team[i].reporter);
    CHECK(a.team[i].github == b.team[i].github);
  }
  CHECK(a.received_at == b.received_at);
  CHECK(a.reported_at == b.reported_at);
  CHECK(a.acknowledged_at == b.acknowledged_at);
  CHECK(a.team_formed_at == b.team_formed_at);
  CHECK(a.fixed_at == b.fixed_at);
  CHECK(a.public_at == b.public_at);
  CHECK(a.released_at == b.released_at);
  CHECK(a.retro_done_at == b.retro_done_at);
  CHECK(a.closed_at == b.closed_at);
  CHECK(a.cvss_vector == b.cvss_vector);
  CHECK(a.fixed_version == b.fixed_version);
  CHECK(a.cve == b.cve);
  CHECK(a.ghsa_id == b.ghsa_id);
  CHECK(a.public_summary == b.public_summary);
  CHECK(a.release_url == b.release_url);
  CHECK(a.advisory_url == b.advisory_url);
  CHECK(a.announcement_url == b.announcement_url);
  CHECK(a.release_day == b.release_day);
}

// A change that keeps case `c` as it is, with no events and no messages.
inline core::Change Keep(const core::Case& c) {
  core::Change change;
  change.after = c;
  return change;
}

inline core::Message Msg(Audience audience, std::string target, std::string text,
                         std::vector<core::CaseId> about = {}) {
  return {.audience = audience, .target = target, .text = text, .about = about, .offers = "", .release_of = std::nullopt};
}

inline core::Event Ev(std::string kind, core::TimePoint at, core::CaseId case_id = 0) {
  return {.case_id = case_id,
          .at = at,
          .actor = "U1",
          .channel = "CSRC",
          .kind = kind,
          .text = kind + " happened"};
}

inline core::Message ToChannel(std::string text, std::vector<core::CaseId> about = {}) {
  return Msg(Audience::kChannel, "CSRC", text, about);
}

// A creation that records `c` (with the new id), one event and `messages`.
inline core::CaseStore::Creation Report(core::Case c, std::vector<core::Message> messages = {}) {
  return [=](core::CaseId id) -> core::Result<core::Change> {
    core::Change change{
        .after = c, .events = {Ev("reported", c.reported_at)}, .messages = messages};
    change.after.id = id;
    return change;
  };
}

inline core::CaseId CreateOrFail(core::CaseStore& store, core::Case c = core::Case()) {
  auto made = store.Create(Report(std::move(c)));
  INFO(made.status().message());
  REQUIRE(made.ok());
  return made.value().after.id;
}

inline std::size_t PendingCount(core::CaseStore& store) {
  return store.PendingMessages(100).value().size();
}

}  // namespace srcbot::store::testing
