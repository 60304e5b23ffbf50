// MemoryCaseStore's roster and committee: the same rules as the SQLite store
// (Members() filtered by core::HasSrcRights; one change committed whole).
#include <algorithm>

#include "tests/fakes/memory_case_store.h"

namespace srcbot::testing {

core::Result<std::vector<core::Member>> MemoryCaseStore::Members() {
  if (auto st = MaybeFail(); !st.ok()) return st;
  core::TimePoint now = clock != nullptr ? clock->Now() : core::TimePoint{};
  std::vector<core::Member> out;
  for (const core::RosterEntry& e : committee.roster) {
    if (core::HasSrcRights(e, now)) out.push_back({e.user, e.vendor, e.github, e.joined_at});
  }
  return out;
}

core::Status MemoryCaseStore::SeedMembers(const std::vector<core::UserId>& users,
                                          core::TimePoint now) {
  if (!committee.roster.empty()) return core::Status::Ok();
  for (const core::UserId& u : users) {
    if (core::FindMember(committee.roster, u) != nullptr) continue;
    core::RosterEntry e;
    e.user = u;
    e.joined_at = now;
    committee.roster.push_back(e);
  }
  return core::Status::Ok();
}

void MemoryCaseStore::Queue(const std::vector<core::Message>& messages) {
  for (const core::Message& m : messages) {
    core::OutboxItem item;
    item.id = static_cast<std::int64_t>(outbox.size() + 1);
    item.channel = m.target;
    item.direct = m.audience == core::Audience::kUser;
    item.text = m.text;
    item.about = m.about;
    item.offers = m.offers;
    if (clock != nullptr) item.created_at = clock->Now();
    outbox.push_back({item, core::OutboxState::kPending, ""});
  }
}

core::Result<core::CommitteeChange> MemoryCaseStore::UpdateCommittee(
    const core::CommitteeStore::CommitteeMutation& mutate) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  auto change = mutate(committee);
  if (!change.ok()) return change.status();
  for (const core::Message& m : change.value().messages) {
    if (m.audience == core::Audience::kSrcChannel)
      return core::Status::Internal("message not addressed");
  }
  for (const core::Vote& v : change.value().votes) {
    if (v.id != committee.next_vote_id && committee.FindVote(v.id) == nullptr) {
      return core::Status::Internal("vote neither existing nor next");
    }
  }
  committee.roster = core::ApplyRoster(committee.roster, change.value());
  std::stable_sort(committee.roster.begin(), committee.roster.end(),
                   [](const core::RosterEntry& a, const core::RosterEntry& b) {
                     return a.joined_at != b.joined_at ? a.joined_at < b.joined_at
                                                       : a.user < b.user;
                   });
  for (const core::Vote& v : change.value().votes) {
    auto it = std::find_if(committee.votes.begin(), committee.votes.end(),
                           [&](const core::Vote& x) { return x.id == v.id; });
    if (it == committee.votes.end()) {
      committee.votes.push_back(v);
      committee.next_vote_id = v.id + 1;
    } else {
      *it = v;
    }
  }
  for (const core::CommitteeEvent& e : change.value().events) committee_events.push_back(e);
  Queue(change.value().messages);
  return change;
}

core::Result<core::Committee> MemoryCaseStore::LoadCommittee() {
  if (auto st = MaybeFail(); !st.ok()) return st;
  return committee;
}

core::Status MemoryCaseStore::RecordActivity(const core::UserId& user, core::TimePoint at) {
  for (core::RosterEntry& e : committee.roster) {
    if (e.user == user && (!e.last_active_at || *e.last_active_at < at)) e.last_active_at = at;
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::CommitteeEvent>> MemoryCaseStore::CommitteeTimeline(int limit) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  auto first = committee_events.size() > static_cast<size_t>(limit) ? committee_events.end() - limit
                                                                    : committee_events.begin();
  return std::vector<core::CommitteeEvent>(first, committee_events.end());
}

}  // namespace srcbot::testing
