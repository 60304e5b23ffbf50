#include "bot/embargo_guard.h"

#include <set>

namespace srcbot::bot {

EmbargoGuard::EmbargoGuard(core::CaseStore& store, ChannelDirectory& directory,
                           std::unique_ptr<MessageSink> sink)
    : store_(store), directory_(directory), sink_(std::move(sink)) {}

core::Result<core::Decision> EmbargoGuard::Judge(const std::vector<core::CaseId>& about,
                                                 const std::string& channel, bool direct,
                                                 const std::optional<core::UserId>& recipient) {
  if (about.empty()) return core::Decision{core::Verdict::kSend, "no case detail"};
  std::vector<core::Case> cases;
  for (core::CaseId id : about) {
    auto c = store_.Load(id);
    // A case that does not exist never qualifies; a store that cannot answer
    // is a missing fact, and the caller holds on to the message.
    if (!c.ok() && c.status().code() == core::Code::kNotFound) {
      return core::Decision{core::Verdict::kRefuse, "no such case"};
    }
    if (!c.ok()) return core::Status::Unavailable("case unavailable");
    cases.push_back(std::move(c).value());
  }
  auto members = store_.Members();
  if (!members.ok()) return core::Status::Unavailable("roster unavailable");
  std::set<core::UserId> src;
  for (const core::Member& m : members.value()) src.insert(m.user);

  core::Destination destination;
  if (direct) {
    destination = core::Destination{channel, true, true, false, false, false, false, {channel}};
  } else {
    auto described = directory_.Describe(channel);
    if (!described.ok() && described.status().code() == core::Code::kNotFound) {
      return core::Decision{core::Verdict::kRefuse, "no such channel"};
    }
    if (!described.ok()) return core::Status::Unavailable("channel facts unavailable");
    destination = std::move(described).value();
  }
  return core::Judge(cases, src, destination, recipient);
}

GuardOutcome EmbargoGuard::Deliver(const core::OutboxItem& item, std::string* note) {
  auto judged = Judge(item.about, item.channel, item.direct, std::nullopt);
  // Fail closed, but do not give up: without the facts the message is not
  // sent now, and stays pending for the next try.
  if (!judged.ok()) {
    *note = judged.status().message();
    return GuardOutcome::kFailed;
  }
  const core::Decision& decision = judged.value();
  *note = decision.reason;
  if (decision.verdict != core::Verdict::kSend) return GuardOutcome::kHeld;
  core::Status st = item.direct ? sink_->PostDirect(item.channel, item.text)
                    : !item.offers.empty() && !item.about.empty()
                        ? sink_->PostOffering(item.channel, item.text, item.offers, item.about.front())
                        : sink_->Post(item.channel, item.text);
  if (!st.ok()) {
    *note = st.message();
    return GuardOutcome::kFailed;
  }
  return GuardOutcome::kSent;
}

std::string EmbargoGuard::ReplyText(const commands::Invocation& to, const commands::Reply& reply,
                                    GuardOutcome* outcome) {
  // A reply cannot wait: without the facts it is refused (fails closed).
  auto judged = Judge(reply.about, to.channel, false, to.user);
  bool refused = !judged.ok() || judged.value().verdict != core::Verdict::kSend;
  if (outcome != nullptr) *outcome = refused ? GuardOutcome::kRefused : GuardOutcome::kSent;
  if (!refused) return reply.text;
  return reply.fallback.empty() ? std::string(core::kRefusalText) : reply.fallback;
}

GuardOutcome EmbargoGuard::Reply(const commands::Invocation& to, const commands::Reply& reply) {
  if (reply.text.empty()) return GuardOutcome::kSent;
  GuardOutcome outcome = GuardOutcome::kSent;
  std::string text = ReplyText(to, reply, &outcome);
  if (!sink_->PostEphemeral(to.channel, to.user, text).ok()) return GuardOutcome::kFailed;
  return outcome;
}

}  // namespace srcbot::bot

namespace srcbot::bot {

GuardOutcome EmbargoGuard::ReplyVia(const commands::Invocation& to, const std::string& response_url,
                                    const commands::Reply& reply) {
  if (reply.text.empty()) return GuardOutcome::kSent;
  GuardOutcome outcome = GuardOutcome::kSent;
  std::string text = ReplyText(to, reply, &outcome);
  if (!sink_->Respond(response_url, text).ok()) return GuardOutcome::kFailed;
  return outcome;
}

}  // namespace srcbot::bot
