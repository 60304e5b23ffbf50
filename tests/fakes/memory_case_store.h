#pragma once
// An in-memory CaseStore for tests of the layers above the store. Same
// contract as SqliteCaseStore: a failed mutation leaves everything unchanged.
// `fail_next` makes the next call fail with kUnavailable, to test fail-closed paths.

#include <map>

#include "core/case_store.h"
#include "core/committee_store.h"
#include "core/time.h"

namespace srcbot::testing {

class MemoryCaseStore : public core::CaseStore, public core::CommitteeStore {
 public:
  core::Result<core::Change> Create(const Creation& build) override;
  core::Result<core::Change> Update(core::CaseId id, const Mutation& mutate) override;
  core::Result<core::Case> Load(core::CaseId id) override;
  core::Result<std::vector<core::Case>> List(bool include_closed) override;
  core::Result<std::vector<core::Event>> Timeline(core::CaseId id) override;
  core::Result<std::vector<core::Member>> Members() override;
  core::Status SeedMembers(const std::vector<core::UserId>& users, core::TimePoint now) override;
  core::Result<std::vector<core::OutboxItem>> PendingMessages(int limit) override;
  core::Status MarkMessage(std::int64_t id, core::OutboxState state, const std::string& note) override;
  core::Status RecordDecisions(const std::vector<core::EmbargoDecision>& decisions) override;
  core::Result<std::vector<core::EmbargoDecision>> Decisions(core::CaseId id) override;
  core::Result<std::optional<std::string>> ReleasePostRef(core::CaseId id,
                                                          const std::string& channel) override;
  core::CommitteeStore* Committee() override { return this; }

  // core::CommitteeStore (memory_committee_store.cc). Members() is the rows
  // of `committee.roster` with SRC rights at clock's now (the epoch without one).
  core::Result<core::CommitteeChange> UpdateCommittee(const core::CommitteeStore::CommitteeMutation& mutate) override;
  core::Result<core::Committee> LoadCommittee() override;
  core::Status RecordActivity(const core::UserId& user, core::TimePoint at) override;
  core::Result<std::vector<core::CommitteeEvent>> CommitteeTimeline(int limit) override;

  // Test access.
  std::map<core::CaseId, core::Case> cases;
  std::vector<core::Event> events;
  core::Committee committee;  // the roster (every row) and the votes
  std::vector<core::CommitteeEvent> committee_events;
  struct Stored {
    core::OutboxItem item;
    core::OutboxState state = core::OutboxState::kPending;
    std::string note;
  };
  std::vector<Stored> outbox;
  std::vector<core::EmbargoDecision> decisions;
  bool fail_next = false;
  const core::Clock* clock = nullptr;  // stamps decisions when set; Members() and the outbox use it

 private:
  core::Result<core::Change> Commit(core::Change change);
  void Queue(const std::vector<core::Message>& messages);
  core::Status MaybeFail();
};

}  // namespace srcbot::testing
