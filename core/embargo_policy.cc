#include "core/embargo_policy.h"

namespace srcbot::core {
namespace {

bool Qualifies(const UserId& user, const std::vector<Case>& about, const std::set<UserId>& src) {
  if (src.count(user)) return true;
  for (const Case& c : about) {
    if (!c.HasTeamMember(user)) return false;
  }
  return true;
}

}  // namespace

Decision Judge(const std::vector<Case>& about, const std::set<UserId>& src_members,
               const Destination& d, const std::optional<UserId>& recipient) {
  if (about.empty()) return {Verdict::kSend, "no case detail"};
  if (!d.is_im && !d.is_private) return {Verdict::kRefuse, "channel is public"};
  // A shared channel reaches people outside the workspace, whoever is listed.
  if (d.is_shared || d.is_ext_shared || d.is_org_shared || d.is_pending_ext_shared) {
    return {Verdict::kRefuse, "channel is shared outside the workspace"};
  }
  if (d.members.empty()) return {Verdict::kRefuse, "channel members unknown"};
  for (const UserId& m : d.members) {
    if (!Qualifies(m, about, src_members)) {
      return {Verdict::kRefuse, "a member is neither SRC nor on the fix team"};
    }
  }
  if (recipient && !Qualifies(*recipient, about, src_members)) {
    return {Verdict::kRefuse, "recipient is neither SRC nor on the fix team"};
  }
  return {Verdict::kSend, "private to the SRC and fix team"};
}

}  // namespace srcbot::core
