#include "core/buttons.h"

#include <charconv>

#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::core {
namespace {

constexpr std::string_view kVotePrefix = "vote:";

struct ActionName {
  ButtonAction action;
  std::string_view name;
};
constexpr ActionName kActions[] = {
    {ButtonAction::kAck, "ack"},           {ButtonAction::kSnooze, "snooze"},
    {ButtonAction::kVoteYes, "vote_yes"},  {ButtonAction::kVoteNo, "vote_no"},
    {ButtonAction::kVoteAbstain, "vote_abstain"}, {ButtonAction::kRelease, "release"},
};

bool IsVote(ButtonAction a) {
  return a == ButtonAction::kVoteYes || a == ButtonAction::kVoteNo ||
         a == ButtonAction::kVoteAbstain;
}

// A positive decimal number and nothing else (no sign, no spaces, no
// leading zero), which is what the buttons we make carry.
std::optional<std::int64_t> Number(std::string_view text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return std::nullopt;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1) return std::nullopt;
  return n;
}

Button CaseButton(ButtonAction action, CaseId id, std::string label, bool primary) {
  return Button{action, CaseRef(id), std::move(label), primary};
}

}  // namespace

std::string OffersVote(std::int64_t vote_id) {
  return StrCat({kVotePrefix, std::to_string(vote_id)});
}

std::vector<Button> ButtonsFor(std::string_view offers, const std::vector<CaseId>& about) {
  if (offers.starts_with(kVotePrefix)) {
    auto vote = Number(offers.substr(kVotePrefix.size()));
    if (!vote) return {};
    std::string id = std::to_string(*vote);
    return {Button{ButtonAction::kVoteYes, id, "Yes", true},
            Button{ButtonAction::kVoteNo, id, "No", false},
            Button{ButtonAction::kVoteAbstain, id, "Abstain", false}};
  }
  if (about.empty()) return {};
  const CaseId id = about.front();
  const std::string snooze = StrCat({"Snooze ", kButtonSnooze});
  if (offers == kOffersAck) {
    return {CaseButton(ButtonAction::kAck, id, "Acknowledge", true),
            CaseButton(ButtonAction::kSnooze, id, snooze, false)};
  }
  if (offers == kOffersSnooze) return {CaseButton(ButtonAction::kSnooze, id, snooze, false)};
  if (offers == kOffersRelease) return {CaseButton(ButtonAction::kRelease, id, "Release…", false)};
  return {};
}

std::optional<ButtonAction> ParseButtonAction(std::string_view name) {
  for (const ActionName& a : kActions) {
    if (a.name == name) return a.action;
  }
  return std::nullopt;
}

std::string_view ButtonActionName(ButtonAction action) {
  for (const ActionName& a : kActions) {
    if (a.action == action) return a.name;
  }
  return "";
}

std::optional<Click> ReadClick(std::string_view action, std::string_view value) {
  auto parsed = ParseButtonAction(action);
  if (!parsed) return std::nullopt;
  if (IsVote(*parsed)) {
    auto n = Number(value);
    if (!n) return std::nullopt;
    return Click{*parsed, *n};
  }
  // Only the form we write ("SRC-7"): the typed command accepts more
  // spellings, a button has no reason to.
  if (!value.starts_with("SRC-")) return std::nullopt;
  auto n = Number(value.substr(4));
  if (!n) return std::nullopt;
  return Click{*parsed, *n};
}

std::optional<std::string> ClickCommand(const Click& click) {
  const std::string id = std::to_string(click.id);
  const std::string ref = CaseRef(click.id);
  switch (click.action) {
    case ButtonAction::kAck: return StrCat({"ack ", ref});
    case ButtonAction::kSnooze: return StrCat({"snooze ", ref, " ", kButtonSnooze});
    case ButtonAction::kVoteYes: return StrCat({"vote yes ", id});
    case ButtonAction::kVoteNo: return StrCat({"vote no ", id});
    case ButtonAction::kVoteAbstain: return StrCat({"vote abstain ", id});
    case ButtonAction::kRelease: return std::nullopt;
  }
  return std::nullopt;
}

std::vector<CaseId> ClickAbout(const Click& click) {
  if (IsVote(click.action)) return {};
  return {click.id};
}

std::string DoneLine(ButtonAction action, const UserId& user) {
  const std::string who = Mention(user);
  switch (action) {
    case ButtonAction::kAck: return StrCat({"Acknowledged by ", who, "."});
    case ButtonAction::kSnooze:
      return StrCat({"Snoozed for ", kButtonSnooze, " by ", who, "."});
    case ButtonAction::kVoteYes:
    case ButtonAction::kVoteNo:
    case ButtonAction::kVoteAbstain: return StrCat({who, " voted."});
    case ButtonAction::kRelease: return StrCat({"Released by ", who, "."});
  }
  return std::string();
}

bool KeepsButtons(ButtonAction action) { return IsVote(action); }

}  // namespace srcbot::core
