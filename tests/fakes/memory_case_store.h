#pragma once
// An in-memory CaseStore for tests of the layers above the store. Same
// contract as SqliteCaseStore: a failed mutation leaves everything unchanged.
// `fail_next` makes the next call fail with kUnavailable, to test fail-closed paths.

#include <map>

#include "core/case_store.h"
#include "core/time.h"

namespace srcbot::testing {

class MemoryCaseStore : public core::CaseStore {
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

  // Test access.
  std::map<core::CaseId, core::Case> cases;
  std::vector<core::Event> events;
  std::vector<core::Member> members;
  struct Stored {
    core::OutboxItem item;
    core::OutboxState state = core::OutboxState::kPending;
    std::string note;
  };
  std::vector<Stored> outbox;
  std::vector<core::EmbargoDecision> decisions;
  bool fail_next = false;
  const core::Clock* clock = nullptr;  // stamps decisions when set

 private:
  core::Result<core::Change> Commit(core::Change change);
  core::Status MaybeFail();
};

}  // namespace srcbot::testing
