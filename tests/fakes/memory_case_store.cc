#include "tests/fakes/memory_case_store.h"

namespace srcbot::testing {

core::Status MemoryCaseStore::MaybeFail() {
  if (!fail_next) return core::Status::Ok();
  fail_next = false;
  return core::Status::Unavailable("store unavailable (test)");
}

core::Result<core::Change> MemoryCaseStore::Commit(core::Change change) {
  for (const core::Message& m : change.messages) {
    if (m.audience != core::Audience::kChannel && m.audience != core::Audience::kUser) {
      return core::Status::Internal("message not addressed");
    }
  }
  cases[change.after.id] = change.after;
  for (core::Event& e : change.events) {
    if (e.case_id == 0) e.case_id = change.after.id;
    events.push_back(e);
  }
  for (const core::Message& m : change.messages) {
    core::OutboxItem item{static_cast<std::int64_t>(outbox.size() + 1), m.target,
                          m.audience == core::Audience::kUser, m.text, m.about, {}, 0, m.offers,
                          m.release_of};
    outbox.push_back({item, core::OutboxState::kPending, ""});
  }
  return change;
}

core::Result<core::Change> MemoryCaseStore::Create(const Creation& build) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  core::CaseId id = cases.empty() ? 1 : cases.rbegin()->first + 1;
  auto change = build(id);
  if (!change.ok()) return change.status();
  return Commit(std::move(change).value());
}

core::Result<core::Change> MemoryCaseStore::Update(core::CaseId id, const Mutation& mutate) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  auto it = cases.find(id);
  if (it == cases.end()) return core::Status::NotFound("no case " + core::CaseRef(id));
  auto change = mutate(it->second);
  if (!change.ok()) return change.status();
  return Commit(std::move(change).value());
}

core::Result<core::Case> MemoryCaseStore::Load(core::CaseId id) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  auto it = cases.find(id);
  if (it == cases.end()) return core::Status::NotFound("no case " + core::CaseRef(id));
  return it->second;
}

core::Result<std::vector<core::Case>> MemoryCaseStore::List(bool include_closed) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  std::vector<core::Case> out;
  for (const auto& [id, c] : cases) {
    if (include_closed || c.IsOpen()) out.push_back(c);
  }
  return out;
}

core::Result<std::vector<core::Event>> MemoryCaseStore::Timeline(core::CaseId id) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  std::vector<core::Event> out;
  for (const core::Event& e : events) {
    if (e.case_id == id) out.push_back(e);
  }
  return out;
}

core::Result<std::vector<core::OutboxItem>> MemoryCaseStore::PendingMessages(int limit) {
  std::vector<core::OutboxItem> out;
  for (const Stored& s : outbox) {
    if (s.state == core::OutboxState::kPending && static_cast<int>(out.size()) < limit) out.push_back(s.item);
  }
  return out;
}

core::Status MemoryCaseStore::MarkMessage(std::int64_t id, core::OutboxState state, const std::string& note) {
  for (Stored& s : outbox) {
    if (s.item.id == id) {
      s.state = state;
      s.note = note;
      ++s.item.attempts;
      return core::Status::Ok();
    }
  }
  return core::Status::NotFound("no message");
}

core::Status MemoryCaseStore::RecordDecisions(const std::vector<core::EmbargoDecision>& decisions) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  for (const core::EmbargoDecision& d : decisions) {
    if (!cases.contains(d.case_id)) return core::Status::NotFound("no case " + core::CaseRef(d.case_id));
  }
  for (core::EmbargoDecision d : decisions) {
    if (clock != nullptr) d.at = clock->Now();
    this->decisions.push_back(std::move(d));
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::EmbargoDecision>> MemoryCaseStore::Decisions(core::CaseId id) {
  if (auto st = MaybeFail(); !st.ok()) return st;
  std::vector<core::EmbargoDecision> out;
  for (const core::EmbargoDecision& d : decisions) {
    if (d.case_id == id) out.push_back(d);
  }
  return out;
}

core::Result<std::optional<std::string>> MemoryCaseStore::ReleasePostRef(core::CaseId id,
                                                                      const std::string& channel) {
  const std::string prefix = "public release post ts=";
  for (const Stored& s : outbox) {
    if (s.item.release_of == id && s.item.channel == channel && s.state == core::OutboxState::kSent &&
        s.note.starts_with(prefix)) {
      return std::optional<std::string>(s.note.substr(prefix.size()));
    }
  }
  return std::optional<std::string>();
}

}  // namespace srcbot::testing
