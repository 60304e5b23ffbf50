#include "bot/egress/embargo_guard.h"

#include <set>

#include "core/buttons.h"
#include "core/public_release.h"

namespace srcbot::bot {

EmbargoGuard::EmbargoGuard(core::CaseStore& store, ChannelDirectory& directory,
                           const SinkFactory& make_sink, Metrics* metrics)
    : store_(store), directory_(directory), sink_(make_sink(EgressKey())), metrics_(metrics) {}

// Only decisions about cases are counted, as only those are recorded: a text
// that names no case is sent without a judgement worth watching.
void EmbargoGuard::Count(const std::vector<core::CaseId>& about, EmbargoVerdict verdict) {
  if (metrics_ != nullptr && !about.empty()) metrics_->EmbargoDecision(verdict);
}

core::Result<core::Decision> EmbargoGuard::Judge(const std::vector<core::CaseId>& about,
                                                 const Target& target) {
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
  if (target.direct) {
    const std::string& user = target.destination;
    destination = core::Destination{user, true, true, false, false, false, false, {user}};
  } else {
    auto described = directory_.Describe(target.destination);
    if (!described.ok() && described.status().code() == core::Code::kNotFound) {
      return core::Decision{core::Verdict::kRefuse, "no such channel"};
    }
    if (!described.ok()) return core::Status::Unavailable("channel facts unavailable");
    destination = std::move(described).value();
  }
  return core::Judge(cases, src, destination, target.recipient);
}

core::Status EmbargoGuard::Record(const std::vector<core::CaseId>& about, const Target& target,
                                  const char* outcome, const std::string& reason) {
  if (about.empty()) return core::Status::Ok();
  std::vector<core::EmbargoDecision> rows;
  for (core::CaseId id : about) {
    rows.push_back({.case_id = id,
                    .outcome = outcome,
                    .kind = target.kind,
                    .destination = target.destination,
                    .recipient = target.recipient.value_or(""),
                    .reason = reason});
  }
  return store_.RecordDecisions(rows);
}

EmbargoGuard::Clearance EmbargoGuard::Decide(const std::vector<core::CaseId>& about,
                                             const Target& target, std::string* reason) {
  auto judged = Judge(about, target);
  if (!judged.ok()) {
    *reason = judged.status().message();
    (void)Record(about, target, "held", *reason);
    Count(about, EmbargoVerdict::kHeld);
    return Clearance::kUnknown;
  }
  *reason = judged.value().reason;
  if (judged.value().verdict != core::Verdict::kSend) {
    // A refusal stands even when it cannot be recorded (a refusal about a case
    // that does not exist has nothing to be recorded with).
    (void)Record(about, target, "refused", *reason);
    Count(about, EmbargoVerdict::kRefused);
    return Clearance::kRefused;
  }
  if (core::Status st = Record(about, target, "sent", *reason); !st.ok()) {
    *reason = "decision not recorded: " + st.message();
    Count(about, EmbargoVerdict::kHeld);
    return Clearance::kUnknown;
  }
  Count(about, EmbargoVerdict::kSent);
  return Clearance::kCleared;
}

GuardOutcome EmbargoGuard::Deliver(const core::OutboxItem& item, std::string* note) {
  if (item.release_of) return DeliverRelease(item, note);
  Target target{item.direct ? "direct" : "post", item.channel, item.direct, std::nullopt};
  switch (Decide(item.about, target, note)) {
    // Fail closed, but do not give up: without the facts the message is not
    // sent now, and stays pending for the next try.
    case Clearance::kUnknown: return GuardOutcome::kFailed;
    case Clearance::kRefused: return GuardOutcome::kHeld;
    case Clearance::kCleared: break;
  }
  // Which buttons a post carries is the domain's decision, from what it
  // offers; the sink only draws them.
  std::vector<core::Button> buttons = core::ButtonsFor(item.offers, item.about);
  core::Status st = item.direct        ? sink_->PostDirect(item.channel, item.text)
                    : !buttons.empty() ? sink_->PostOffering(item.channel, item.text, buttons)
                                       : sink_->Post(item.channel, item.text);
  if (!st.ok()) {
    *note = st.message();
    (void)Record(item.about, target, "held", "not delivered: " + st.message());
    return GuardOutcome::kFailed;
  }
  return GuardOutcome::kSent;
}

GuardOutcome EmbargoGuard::DeliverRelease(const core::OutboxItem& item, std::string* note) {
  const core::CaseId id = *item.release_of;
  Target target{"release", item.channel, false, std::nullopt};  // kind changes for an edit
  auto c = store_.Load(id);
  if (!c.ok()) {
    *note = c.status().code() == core::Code::kNotFound ? "no such case" : "case unavailable";
    return c.status().code() == core::Code::kNotFound ? GuardOutcome::kHeld : GuardOutcome::kFailed;
  }
  if (!core::IsReleased(c.value())) {
    *note = "case not released";
    (void)Record({id}, target, "refused", *note);
    Count({id}, EmbargoVerdict::kRefused);
    return GuardOutcome::kHeld;
  }
  // The text is made here, from the public fields alone: the item's own text
  // only says whether to post or to edit the earlier post.
  std::string text = core::RenderReleasePost(core::PublicFieldsOf(c.value()));
  std::optional<std::string> earlier;
  if (item.text == core::kReleasePostUpdate) {
    auto ref = store_.ReleasePostRef(id, item.channel);
    if (!ref.ok()) {
      *note = "release post unavailable";
      return GuardOutcome::kFailed;
    }
    // Not posted yet: the post, when it goes out, is made with today's fields.
    if (!ref.value()) {
      *note = "no earlier release post to edit";
      return GuardOutcome::kSent;
    }
    earlier = ref.value();
    target.kind = "release update";
  }
  if (core::Status st = Record({id}, target, "sent", "public release post"); !st.ok()) {
    *note = "decision not recorded: " + st.message();
    Count({id}, EmbargoVerdict::kHeld);
    return GuardOutcome::kFailed;
  }
  Count({id}, EmbargoVerdict::kSent);
  core::Result<std::string> posted = earlier ? core::Result<std::string>(*earlier) : core::Result<std::string>(std::string());
  core::Status st = earlier ? sink_->UpdatePublic(item.channel, *earlier, text)
                            : (posted = sink_->PostPublic(item.channel, text)).status();
  if (!st.ok()) {
    *note = st.message();
    (void)Record({id}, target, "held", "not delivered: " + st.message());
    return GuardOutcome::kFailed;
  }
  *note = earlier ? "public release post edited" : "public release post ts=" + posted.value();
  return GuardOutcome::kSent;
}

ClearedText EmbargoGuard::ReplyText(const commands::Invocation& to, const commands::Reply& reply,
                                    GuardOutcome* outcome) {
  // A reply cannot wait: without the facts it is refused (fails closed).
  Target target{"ack", to.channel, false, to.user};
  std::string reason;
  bool cleared = Decide(reply.about, target, &reason) == Clearance::kCleared;
  if (outcome != nullptr) *outcome = cleared ? GuardOutcome::kSent : GuardOutcome::kRefused;
  if (cleared) return ClearedText(reply.text);
  return ClearedText(reply.fallback.empty() ? std::string(core::kRefusalText) : reply.fallback);
}

GuardOutcome EmbargoGuard::Reply(const commands::Invocation& to, const commands::Reply& reply) {
  if (reply.text.empty()) return GuardOutcome::kSent;
  GuardOutcome outcome = GuardOutcome::kSent;
  ClearedText text = ReplyText(to, reply, &outcome);
  if (!sink_->PostEphemeral(to.channel, to.user, text.text()).ok()) return GuardOutcome::kFailed;
  return outcome;
}

GuardOutcome EmbargoGuard::ReplyVia(const commands::Invocation& to, const std::string& response_url,
                                    const commands::Reply& reply) {
  if (reply.text.empty()) return GuardOutcome::kSent;
  GuardOutcome outcome = GuardOutcome::kSent;
  ClearedText text = ReplyText(to, reply, &outcome);
  if (!sink_->Respond(response_url, text.text()).ok()) return GuardOutcome::kFailed;
  return outcome;
}

GuardOutcome EmbargoGuard::OpenModal(const commands::Invocation& to, const std::string& trigger_id,
                                     const nlohmann::json& view,
                                     const std::vector<core::CaseId>& about) {
  Target target{"modal", to.user, true, to.user};
  std::string reason;
  Clearance c = Decide(about, target, &reason);
  if (c != Clearance::kCleared) return c == Clearance::kRefused ? GuardOutcome::kRefused : GuardOutcome::kFailed;
  return sink_->OpenView(trigger_id, view).ok() ? GuardOutcome::kSent : GuardOutcome::kFailed;
}

GuardOutcome EmbargoGuard::UpdatePost(const std::string& channel, const std::string& ts,
                                      const std::string& text,
                                      const std::vector<core::Button>& buttons,
                                      const std::vector<core::CaseId>& about) {
  Target target{"update", channel, false, std::nullopt};
  std::string reason;
  Clearance c = Decide(about, target, &reason);
  if (c != Clearance::kCleared) return c == Clearance::kRefused ? GuardOutcome::kRefused : GuardOutcome::kFailed;
  core::Status st = sink_->UpdatePost(channel, ts, text, buttons);
  if (!st.ok()) {
    (void)Record(about, target, "held", "not delivered: " + st.message());
    return GuardOutcome::kFailed;
  }
  return GuardOutcome::kSent;
}

GuardOutcome EmbargoGuard::PublishHome(const core::UserId& user, const nlohmann::json& view,
                                       const std::vector<core::CaseId>& about) {
  Target target{"home", user, true, user};
  std::string reason;
  Clearance c = Decide(about, target, &reason);
  if (c != Clearance::kCleared) return c == Clearance::kRefused ? GuardOutcome::kRefused : GuardOutcome::kFailed;
  return sink_->PublishHome(user, view).ok() ? GuardOutcome::kSent : GuardOutcome::kFailed;
}

}  // namespace srcbot::bot
