#pragma once
// Who may do what (SPEC §2): SRC members may run every verb; members of a case's
// fix team may read their own case and record links and the fix; everyone else
// gets help only.

#include "core/case.h"
#include "core/command.h"
#include "core/result.h"

namespace srcbot::core {

enum class Access {
  kEveryone,       // help
  kFixTeamOrSrc,   // show, timeline, link, fixed: the case's fix team or the SRC
  kSrcOnly,        // everything else
};

// Ok when `actor` may run a verb with `access` on `c` (nullptr for verbs that
// name no case); kPermissionDenied otherwise. The message names no case detail.
Status Authorize(Access access, const Actor& actor, const Case* c);

}  // namespace srcbot::core
