#pragma once
// Builders for committee tests: roster rows, days, and applying a change the
// way a store would (rows and votes inserted or replaced).

#include <algorithm>
#include <string>

#include "core/command.h"
#include "core/committee_store.h"
#include "tests/fakes/fake_clock.h"

namespace srcbot::testing {

inline core::TimePoint Day(const std::string& iso) { return *core::ParseIsoTime(iso); }
inline std::chrono::year_month_day Ymd(const std::string& iso) { return *core::ParseIsoDate(iso); }

inline core::RosterEntry Full(const std::string& user, const std::string& vendor = "acme") {
  core::RosterEntry e;
  e.user = user;
  e.vendor = vendor;
  e.joined_at = TestNow() - std::chrono::days(365);
  e.last_active_at = TestNow();
  return e;
}

inline core::Actor ActorFor(const std::string& user) { return core::Actor{user, true, "src"}; }

inline void Apply(core::Committee& c, const core::CommitteeChange& change) {
  c.roster = core::ApplyRoster(c.roster, change);
  for (const core::Vote& v : change.votes) {
    auto it = std::find_if(c.votes.begin(), c.votes.end(),
                           [&](const core::Vote& x) { return x.id == v.id; });
    if (it == c.votes.end()) {
      c.votes.push_back(v);
      c.next_vote_id = std::max(c.next_vote_id, v.id + 1);
    } else {
      *it = v;
    }
  }
}

}  // namespace srcbot::testing
