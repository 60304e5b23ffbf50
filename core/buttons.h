#pragma once
// Buttons: which posts carry which buttons, and what a click on one means as a
// `/src` line. Pure: no I/O, never throws. Only bot/ turns these into Block
// Kit JSON; a button carries nothing but its action and the id it acts on
// (SRC-<n> or a vote number), never a case detail, so a click is decoded from
// those two strings alone and then runs the typed command's code — the same
// rights check, state machine and embargo guard (docs/buttons.md).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case.h"

namespace srcbot::core {

// What a button does. The names are the action_ids' suffixes (bot/blocks).
enum class ButtonAction { kAck, kSnooze, kVoteYes, kVoteNo, kVoteAbstain, kRelease };

// The snooze a Snooze button asks for (the verb takes up to 24 h).
inline constexpr std::string_view kButtonSnooze = "4h";

struct Button {
  ButtonAction action = ButtonAction::kAck;
  std::string target;  // "SRC-3" for a case, "2" for vote #2
  std::string label;   // what the button says, e.g. "Snooze 4h"
  bool primary = false;
};

// Message::offers values. A post offers one set of buttons:
//   "ack"       Acknowledge and Snooze, on the message's case (a new report,
//               a reminder of a report nobody acknowledged yet);
//   "snooze"    Snooze alone (a reminder of any other deadline);
//   "release"   Release, on the case (the post that sets its release day);
//   "vote:<n>"  Yes, No and Abstain on vote <n> (the post that opens it).
inline constexpr std::string_view kOffersAck = "ack";
inline constexpr std::string_view kOffersSnooze = "snooze";
inline constexpr std::string_view kOffersRelease = "release";
std::string OffersVote(std::int64_t vote_id);  // "vote:<n>"

// The buttons of a post that `offers` (as above) about `about` (the message's
// cases; the case buttons act on about[0]). Empty for "" and for anything not
// listed, and for case buttons on a post about no case.
std::vector<Button> ButtonsFor(std::string_view offers, const std::vector<CaseId>& about);

// The action whose name is `name` ("ack", "snooze", "vote_yes", "vote_no",
// "vote_abstain", "release"), or nullopt.
std::optional<ButtonAction> ParseButtonAction(std::string_view name);
std::string_view ButtonActionName(ButtonAction action);

// A click as it arrives: the action and the button's value. nullopt unless the
// value is exactly a case id "SRC-<n>" (case actions) or a vote number "<n>"
// (vote actions), n ≥ 1: anything longer (flags, a second word) is refused,
// so a forged value cannot add arguments to the command.
struct Click {
  ButtonAction action = ButtonAction::kAck;
  std::int64_t id = 0;  // the case or vote number
};
std::optional<Click> ReadClick(std::string_view action, std::string_view value);

// The `/src` line a click stands for: "ack SRC-3", "snooze SRC-3 4h",
// "vote yes 2". nullopt for Release, which needs a version and a release URL
// first (bot/blocks/release_modal.h asks for them).
std::optional<std::string> ClickCommand(const Click& click);

// The cases a click's command is about (for the guard): {id} for case
// actions, {} for votes (a vote names no case).
std::vector<CaseId> ClickAbout(const Click& click);

// What a post says once `user` clicked, appended to its text as a new line:
// "Acknowledged by <@U1>." (and so on). Votes keep their buttons (everyone
// votes on the same post); every other post loses them.
std::string DoneLine(ButtonAction action, const UserId& user);
bool KeepsButtons(ButtonAction action);

}  // namespace srcbot::core
