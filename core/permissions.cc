#include "core/permissions.h"

namespace srcbot::core {

Status Authorize(Access access, const Actor& actor, const Case* c) {
  if (access == Access::kEveryone || actor.src_member) return Status::Ok();
  if (access == Access::kFixTeamOrSrc && c != nullptr && c->HasTeamMember(actor.user)) {
    return Status::Ok();
  }
  if (access == Access::kFixTeamOrSrc && c != nullptr) {
    return Status::Denied("only the SRC and " + CaseRef(c->id) + "'s fix team can do that");
  }
  return Status::Denied("only SRC members can do that");
}

}  // namespace srcbot::core
