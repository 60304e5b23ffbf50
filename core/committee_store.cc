#include "core/committee_store.h"

#include <algorithm>

namespace srcbot::core {

const Vote* Committee::FindVote(VoteId id) const {
  auto it = std::find_if(votes.begin(), votes.end(), [&](const Vote& v) { return v.id == id; });
  return it == votes.end() ? nullptr : &*it;
}

const RosterEntry* CommitteeChange::Upserted(std::string_view user) const {
  for (auto it = roster.rbegin(); it != roster.rend(); ++it) {
    if (it->user == user) return &*it;
  }
  return nullptr;
}

std::vector<RosterEntry> ApplyRoster(std::vector<RosterEntry> roster,
                                     const CommitteeChange& change) {
  for (const RosterEntry& row : change.roster) {
    auto it = std::find_if(roster.begin(), roster.end(),
                           [&](const RosterEntry& e) { return e.user == row.user; });
    if (it == roster.end()) {
      roster.push_back(row);
    } else {
      *it = row;
    }
  }
  return roster;
}

}  // namespace srcbot::core
