#include "core/vote_changes.h"

#include <algorithm>

#include "core/buttons.h"
#include "core/markup.h"
#include "core/roster_changes.h"

namespace srcbot::core {
namespace {

std::string Num(VoteId id) { return std::to_string(id); }

std::string HowToVote(VoteId id) {
  return "Vote with `/src vote yes " + Num(id) + "`, `/src vote no " + Num(id) +
         "` or `/src vote abstain " + Num(id) + "`; you can change it until the deadline.";
}

std::string Rule(const Vote& v, int active) {
  if (v.kind == VoteKind::kLazy) {
    return "It passes at the deadline unless someone votes no; an objection turns it into a "
           "majority vote.";
  }
  std::string share = v.kind == VoteKind::kMajority ? "more than half" : "at least two thirds";
  return "It passes with yes from " + share + " of the active members (now " +
         std::to_string(YesNeeded(v.kind, active)) + " of " + std::to_string(active) + ").";
}

std::string Effect(const Vote& v) {
  if (v.action == VoteAction::kNone) return "";
  return std::string(" If it passes, an SRC member applies it with `/src vote confirm ") +
         Num(v.id) + "`, which " + (v.action == VoteAction::kAdmit ? "adds " : "removes ") +
         Mention(v.subject) + ".";
}

bool OpenVoteOn(const Committee& c, const UserId& subject) {
  return std::any_of(c.votes.begin(), c.votes.end(), [&](const Vote& v) {
    return v.state == VoteState::kOpen && v.action != VoteAction::kNone && v.subject == subject;
  });
}

Status CheckKind(VoteRequest& r) {
  if (r.action == VoteAction::kRemove) {
    if (r.kind && *r.kind != VoteKind::kSuper) {
      return Status::Invalid("a removal is decided by super-majority: --kind super");
    }
    r.kind = VoteKind::kSuper;
  } else if (r.action == VoteAction::kAdmit) {
    if (r.kind == VoteKind::kSuper) {
      return Status::Invalid("an admission is decided by lazy consensus (or --kind majority)");
    }
    if (!r.kind) r.kind = VoteKind::kLazy;
  } else if (!r.kind) {
    return Status::Invalid("vote start needs --kind lazy, majority or super");
  }
  return Status::Ok();
}

std::string Mentions(const std::vector<UserId>& users) {
  std::string out;
  for (const UserId& u : users) out += (out.empty() ? "" : ", ") + Mention(u);
  return out;
}

}  // namespace

Result<CommitteeChange> StartVote(const Committee& c, const VoteRequest& request,
                                  const Actor& actor, TimePoint now) {
  VoteRequest r = request;
  if (Status st = CheckKind(r); !st.ok()) return st;
  if (r.window < std::chrono::hours(1) || r.window > kMaxVoteWindow) {
    return Status::Invalid("--hours must be between 1 and 720");
  }
  const RosterEntry* subject = FindMember(c.roster, r.subject);
  if (r.action == VoteAction::kRemove && (subject == nullptr || !IsFullMember(*subject))) {
    return Status::NotFound(Mention(r.subject) + " is not a full SRC member");
  }
  if (r.action == VoteAction::kAdmit) {
    if (subject != nullptr && IsFullMember(*subject)) {
      return Status::Conflict(Mention(r.subject) + " is already an SRC member");
    }
    if (r.vendor.empty())
      return Status::Invalid("an admission needs the --vendor of the new member");
  }
  if (r.action != VoteAction::kNone && OpenVoteOn(c, r.subject)) {
    return Status::Conflict("there is already an open vote on " + Mention(r.subject));
  }
  Vote v;
  v.id = c.next_vote_id;
  v.topic = Escape(r.topic);
  if (v.topic.empty() && r.action == VoteAction::kRemove) {
    v.topic = "Remove " + Mention(r.subject) + " from the SRC";
  } else if (v.topic.empty() && r.action == VoteAction::kAdmit) {
    v.topic = "Admit " + Mention(r.subject) + " (" + Escape(r.vendor) + ") to the SRC";
  }
  if (v.topic.empty()) return Status::Invalid("vote start needs a topic, in quotes");
  v.kind = *r.kind;
  v.window = r.window;
  v.opened_by = actor.user;
  v.opened_at = now;
  v.deadline = now + r.window;
  v.action = r.action;
  v.subject = r.subject;
  v.vendor = r.vendor;
  v.github = r.github;
  CommitteeChange change;
  change.votes.push_back(v);
  int active = static_cast<int>(ActiveMembers(c.roster, now).size());
  std::string text = "*Vote #" + Num(v.id) + "* (" + std::string(VoteKindTitle(v.kind)) +
                     "), opened by " + Mention(actor.user) + ", closes " + FormatHuman(v.deadline) +
                     ":\n> " + v.topic + "\n" + Rule(v, active) + Effect(v) + "\n" +
                     HowToVote(v.id);
  change.Record(now, actor.user, "vote-started", text, v.id);
  change.messages.back().offers = OffersVote(v.id);  // Yes / No / Abstain under the post
  return change;
}

Result<CommitteeChange> CastBallot(const Committee& c, VoteId id, Choice choice, const Actor& actor,
                                   TimePoint now) {
  const Vote* found = c.FindVote(id);
  if (found == nullptr) return Status::NotFound("no vote #" + Num(id));
  if (found->state != VoteState::kOpen) {
    return Status::Conflict("vote #" + Num(id) + " is closed: " + found->result);
  }
  if (now >= found->deadline) {
    return Status::Conflict("voting on #" + Num(id) + " ended at " + FormatHuman(found->deadline) +
                            "; the result is posted shortly");
  }
  Vote v = *found;
  auto it = std::find_if(v.ballots.begin(), v.ballots.end(),
                         [&](const Ballot& b) { return b.voter == actor.user; });
  const bool changed = it != v.ballots.end();
  if (changed) {
    *it = Ballot{actor.user, choice, now};
  } else {
    v.ballots.push_back(Ballot{actor.user, choice, now});
  }
  CommitteeChange change;
  change.votes.push_back(v);
  std::string text = Mention(actor.user) + (changed ? " changed their vote on #" : " voted on #") +
                     Num(id) + ": *" + std::string(ChoiceName(choice)) + "*.";
  if (v.kind == VoteKind::kLazy && choice == Choice::kNo) {
    text += " That is an objection: at the deadline the lazy consensus becomes a majority vote.";
  }
  const RosterEntry* voter = FindMember(c.roster, actor.user);
  if (voter != nullptr && OnLeave(*voter, now)) {
    text += " (On leave: it counts only if they are back before the vote closes.)";
  }
  text += "\nSo far: " + DescribeTally(v, Count(v, ActiveMembers(c.roster, now))) + ".";
  change.Record(now, actor.user, "ballot", text, id);
  return change;
}

Result<CommitteeChange> ConfirmVote(const Committee& c, VoteId id, const Actor& actor,
                                    TimePoint now) {
  const Vote* found = c.FindVote(id);
  if (found == nullptr) return Status::NotFound("no vote #" + Num(id));
  if (found->action == VoteAction::kNone) {
    return Status::Conflict("vote #" + Num(id) + " admits or removes nobody: nothing to confirm");
  }
  if (found->state == VoteState::kOpen) {
    return Status::Conflict("vote #" + Num(id) + " is still open until " +
                            FormatHuman(found->deadline));
  }
  if (found->state == VoteState::kFailed) {
    return Status::Conflict("vote #" + Num(id) + " did not pass: nothing to confirm");
  }
  if (found->applied_at) {
    return Status::Conflict("vote #" + Num(id) + " was already applied on " +
                            FormatHuman(*found->applied_at));
  }
  Result<CommitteeChange> applied =
      found->action == VoteAction::kAdmit
          ? AddMember(c, {found->subject, found->vendor, found->github}, actor, now)
          : EndMembership(c, found->subject, Departure::kRemoved, actor, now);
  if (!applied.ok()) return applied.status();
  if (found->action == VoteAction::kAdmit && !applied.value().events.empty() &&
      applied.value().events.back().kind != "member-added") {
    return Status::Conflict(Mention(found->subject) + " is already an SRC member");
  }
  CommitteeChange change = std::move(applied).value();
  Vote v = *found;
  v.applied_at = now;
  v.applied_by = actor.user;
  change.votes.push_back(v);
  const std::string prefix = "*Vote #" + Num(id) + "* confirmed: ";
  change.events.back().text = prefix + change.events.back().text;
  change.events.back().vote = id;
  change.messages.back().text = prefix + change.messages.back().text;
  return change;
}

void CloseDueVotes(const Committee& c, TimePoint now, CommitteeChange& change) {
  for (const Vote& open : c.votes) {
    if (open.state != VoteState::kOpen || open.deadline > now) continue;
    Vote v = open;
    std::vector<UserId> active = ActiveMembers(c.roster, v.deadline);
    Tally tally = Count(v, active);
    if (v.kind == VoteKind::kLazy && tally.no > 0) {
      std::vector<UserId> objectors;
      for (const UserId& u : active) {
        const Ballot* b = v.BallotOf(u);
        if (b != nullptr && b->choice == Choice::kNo) objectors.push_back(u);
      }
      v.kind = VoteKind::kMajority;
      v.converted = true;
      v.deadline = now + v.window;
      change.votes.push_back(v);
      change.Record(now, "", "vote-converted",
                    "*Vote #" + Num(v.id) + "*: " + Mentions(objectors) +
                        " objected, so the lazy consensus is now a majority vote, closing " +
                        FormatHuman(v.deadline) + ":\n> " + v.topic + "\n" +
                        Rule(v, static_cast<int>(active.size())) + " Ballots stand. " +
                        HowToVote(v.id),
                    v.id);
      continue;
    }
    v.state = tally.passes ? VoteState::kPassed : VoteState::kFailed;
    v.closed_at = now;
    std::string how = v.kind == VoteKind::kLazy ? "by lazy consensus, no objection"
                                                : std::string(VoteKindTitle(v.kind));
    v.result = std::string(tally.passes ? "passed" : "failed") + " (" + how +
               "): " + DescribeTally(v, tally);
    change.votes.push_back(v);
    std::string text = "*Vote #" + Num(v.id) + " " + (tally.passes ? "passed" : "failed") + "* (" +
                       how + "):\n> " + v.topic + "\n" + DescribeTally(v, tally) + ".";
    if (tally.passes && v.action != VoteAction::kNone) {
      text += " An SRC member applies it with `/src vote confirm " + Num(v.id) + "`.";
    }
    change.Record(now, "", tally.passes ? "vote-passed" : "vote-failed", text, v.id);
  }
}

std::string RenderVote(const Committee& c, const Vote& v, TimePoint now) {
  std::vector<UserId> active =
      ActiveMembers(c.roster, v.state == VoteState::kOpen ? now : v.deadline);
  std::string text = "*Vote #" + Num(v.id) + "* — " + std::string(VoteKindTitle(v.kind)) + ", " +
                     (v.state == VoteState::kOpen ? "open until " + FormatHuman(v.deadline)
                                                  : std::string(VoteStateName(v.state)) + " on " +
                                                        FormatHuman(*v.closed_at)) +
                     "\n> " + v.topic + "\nOpened by " + Mention(v.opened_by) + " on " +
                     FormatHuman(v.opened_at) + ".";
  if (v.converted) text += " It was a lazy consensus until an objection.";
  std::string ballots;
  for (const Ballot& b : v.ballots) {
    bool counts = std::find(active.begin(), active.end(), b.voter) != active.end();
    ballots += (ballots.empty() ? "" : ", ") + Mention(b.voter) + " " +
               std::string(ChoiceName(b.choice)) + (counts ? "" : " (not counted)");
  }
  std::vector<UserId> silent;
  for (const UserId& u : active) {
    if (v.BallotOf(u) == nullptr) silent.push_back(u);
  }
  text += "\nBallots: " + (ballots.empty() ? std::string("none yet") : ballots) + ".";
  if (!silent.empty()) text += " Not voted: " + Mentions(silent) + ".";
  if (v.state == VoteState::kOpen) {
    text += "\nSo far: " + DescribeTally(v, Count(v, active)) + ". " +
            Rule(v, static_cast<int>(active.size())) + Effect(v);
  } else {
    text += "\nResult: " + v.result + ".";
    if (v.applied_at) {
      text += " Applied by " + Mention(v.applied_by) + " on " + FormatHuman(*v.applied_at) + ".";
    } else if (v.state == VoteState::kPassed && v.action != VoteAction::kNone) {
      text += " Not applied yet: `/src vote confirm " + Num(v.id) + "`.";
    }
  }
  return text;
}

}  // namespace srcbot::core
