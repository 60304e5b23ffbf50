#pragma once
// What GitHub answered to one queued job, and what that does to the case: the
// fields it sets (ghsa_id, advisory_url, cve), one timeline event and one post
// to the SRC channel saying what happened, or why it did not. Pure: the
// worker (integrations/advisory_worker.h) commits the change in the
// transaction that marks the job done.

#include <string>
#include <vector>

#include "core/advisory.h"
#include "core/change.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

struct AdvisoryOutcome {
  bool ok = false;
  // When !ok: why, in plain text for people (GitHub's refusal, mapped by the
  // client; never a secret). Escaped before it goes into a post.
  std::string error = {};
  // kRequestCve: refused because the repository is private (GitHub assigns
  // CVEs only for public repositories).
  bool private_repo = false;

  std::string ghsa_id = {};  // kCreate, kPublish
  std::string url = {};      // the advisory's html_url
  std::string repo = {};     // kCreate: where it was created
  // kCreate, kCollaborators: the fix team's logins now collaborating.
  std::vector<std::string> collaborators = {};
  // kCreate: the advisory exists, but adding its collaborators failed (why).
  std::string collaborators_error = {};
  std::string fork_name = {};  // kFork (not ready in time), kWaitFork
  std::string fork_url = {};
  std::string cve = {};  // kPublish: the CVE on the advisory, if any
  bool already = false;  // kPublish: it was published before we asked
};

// Applies `outcome` of `job` to `current` at `now` (bot's event, no actor).
// Always succeeds for a case that exists; a failed call changes no field and
// posts the reason with what to do next.
Result<Change> ApplyOutcome(const Case& current, const AdvisoryJob& job,
                            const AdvisoryOutcome& outcome, TimePoint now);

}  // namespace srcbot::core
