#include "core/vote.h"

#include <algorithm>
#include <array>
#include <utility>

namespace srcbot::core {
namespace {

template <class E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return names.front().second;
}

template <class E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& names,
                       std::string_view text) {
  for (const auto& [e, name] : names) {
    if (name == text) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<VoteKind, std::string_view>, 3> kKinds = {
    {{VoteKind::kLazy, "lazy"}, {VoteKind::kMajority, "majority"}, {VoteKind::kSuper, "super"}}};
constexpr std::array<std::pair<VoteKind, std::string_view>, 3> kKindTitles = {
    {{VoteKind::kLazy, "lazy consensus"},
     {VoteKind::kMajority, "majority"},
     {VoteKind::kSuper, "super-majority"}}};
constexpr std::array<std::pair<Choice, std::string_view>, 3> kChoices = {
    {{Choice::kYes, "yes"}, {Choice::kNo, "no"}, {Choice::kAbstain, "abstain"}}};
constexpr std::array<std::pair<VoteState, std::string_view>, 3> kStates = {
    {{VoteState::kOpen, "open"}, {VoteState::kPassed, "passed"}, {VoteState::kFailed, "failed"}}};
constexpr std::array<std::pair<VoteAction, std::string_view>, 3> kActions = {
    {{VoteAction::kNone, "none"}, {VoteAction::kAdmit, "admit"}, {VoteAction::kRemove, "remove"}}};

}  // namespace

std::string_view VoteKindName(VoteKind k) { return NameOf(kKinds, k); }
std::optional<VoteKind> ParseVoteKind(std::string_view name) { return Parse(kKinds, name); }
std::string_view VoteKindTitle(VoteKind k) { return NameOf(kKindTitles, k); }
std::string_view ChoiceName(Choice c) { return NameOf(kChoices, c); }
std::optional<Choice> ParseChoice(std::string_view name) { return Parse(kChoices, name); }
std::string_view VoteStateName(VoteState s) { return NameOf(kStates, s); }
std::optional<VoteState> ParseVoteState(std::string_view name) { return Parse(kStates, name); }
std::string_view VoteActionName(VoteAction a) { return NameOf(kActions, a); }
std::optional<VoteAction> ParseVoteAction(std::string_view name) { return Parse(kActions, name); }

const Ballot* Vote::BallotOf(std::string_view voter) const {
  auto it = std::find_if(ballots.begin(), ballots.end(),
                         [&](const Ballot& b) { return b.voter == voter; });
  return it == ballots.end() ? nullptr : &*it;
}

int YesNeeded(VoteKind kind, int active) {
  switch (kind) {
    case VoteKind::kLazy:
      return 0;
    case VoteKind::kMajority:
      return active / 2 + 1;  // more than half
    case VoteKind::kSuper:
      return (2 * active + 2) / 3;  // at least two thirds
  }
  return active + 1;
}

Tally Count(const Vote& vote, const std::vector<UserId>& active) {
  Tally t;
  t.active = static_cast<int>(active.size());
  for (const UserId& member : active) {
    const Ballot* b = vote.BallotOf(member);
    if (b == nullptr) {
      ++t.silent;
    } else if (b->choice == Choice::kYes) {
      ++t.yes;
    } else if (b->choice == Choice::kNo) {
      ++t.no;
    } else {
      ++t.abstain;
    }
  }
  t.needed = YesNeeded(vote.kind, t.active);
  // With nobody active there is no committee to consent or decide.
  if (t.active == 0) return t;
  t.passes = vote.kind == VoteKind::kLazy ? t.no == 0 : t.yes >= t.needed;
  return t;
}

std::string DescribeTally(const Vote& vote, const Tally& t) {
  std::string text = std::to_string(t.yes) + " yes, " + std::to_string(t.no) + " no, " +
                     std::to_string(t.abstain) + " abstain, " + std::to_string(t.silent) +
                     " silent of " + std::to_string(t.active) + " active member" +
                     (t.active == 1 ? "" : "s");
  if (vote.kind != VoteKind::kLazy) text += " (" + std::to_string(t.needed) + " yes needed)";
  return text;
}

}  // namespace srcbot::core
