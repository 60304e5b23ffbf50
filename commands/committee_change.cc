#include "commands/committee_change.h"

#include "core/committee_tick.h"

namespace srcbot::commands {

core::Result<core::CommitteeStore*> CommitteeOf(core::CaseStore& store) {
  core::CommitteeStore* committee = store.Committee();
  if (committee == nullptr)
    return core::Status::Unavailable("the committee roster is not available");
  return committee;
}

core::Result<core::CommitteeChange> ChangeCommittee(
    core::CaseStore& store, const ServiceOptions& options,
    const core::CommitteeStore::CommitteeMutation& mutate) {
  auto committee = CommitteeOf(store);
  if (!committee.ok()) return committee.status();
  return committee.value()->UpdateCommittee(
      [&](const core::Committee& current) -> core::Result<core::CommitteeChange> {
        auto change = mutate(current);
        if (!change.ok()) return change;
        for (core::Message& m : change.value().messages) {
          if (m.audience == core::Audience::kSrcChannel) {
            m.audience = core::Audience::kChannel;
            m.target = options.src_channel;
          }
        }
        return change;
      });
}

Reply CommitteeReply(const VerbContext& ctx, const core::CommitteeChange& change) {
  if (ctx.actor.channel == ctx.options.src_channel) return Reply{};
  std::string text;
  for (const core::Message& m : change.messages) text += (text.empty() ? "" : "\n") + m.text;
  return Reply{text, {}, ""};
}

core::Result<int> CommitteeTick(core::CaseStore& store, const ServiceOptions& options,
                                core::TimePoint now) {
  auto change = ChangeCommittee(store, options, [&](const core::Committee& current) {
    return core::Result<core::CommitteeChange>(core::DueCommitteeWork(current, now));
  });
  if (!change.ok()) return change.status();
  return static_cast<int>(change.value().messages.size());
}

}  // namespace srcbot::commands
