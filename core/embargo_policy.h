#pragma once
// The embargo rule (SPEC §3) as a pure decision: may a text that carries details
// of these cases go to this destination? The bot's guard gathers the facts
// (channel flags, members, the roster) and asks; this function only decides.
//
// srcbot never treats case details as public: a text that names any detail
// qualifies only for the SRC's private space, before and after release. After
// release, only the public release post (a separate type holding public fields
// only) may reach public channels.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/case.h"

namespace srcbot::core {

// What Slack (or the console) says about a destination.
struct Destination {
  std::string id;
  bool is_im = false;  // a direct message between the bot and one person
  bool is_private = false;
  bool is_shared = false;
  bool is_ext_shared = false;
  bool is_org_shared = false;
  bool is_pending_ext_shared = false;
  std::vector<UserId> members;  // human members (the bot itself left out)
};

enum class Verdict { kSend, kRefuse };

struct Decision {
  Verdict verdict = Verdict::kRefuse;
  std::string reason;  // for the record; names no case detail
};

// `about`: the cases whose details the text carries (empty: no detail, always
// sent). `recipient`: for an ephemeral or a DM, the one person who will read it;
// they must qualify too. An empty member list fails closed.
Decision Judge(const std::vector<Case>& about, const std::set<UserId>& src_members,
               const Destination& destination, const std::optional<UserId>& recipient);

// The refusal shown instead of a detail, in a destination that does not qualify.
inline constexpr const char* kRefusalText =
    "case details are only shown in the SRC's private channel";

}  // namespace srcbot::core
