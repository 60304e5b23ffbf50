#pragma once
// The end of the embargo (SPEC §2 `summary`, `release`; §4): the public summary,
// and the release itself, which lifts the embargo and queues the public release
// posts for the general and development channels. Pure: the caller commits the
// change (with its messages) in one transaction.

#include <string>

#include "core/case.h"
#include "core/change.h"
#include "core/command.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

struct SummaryCommand {
  std::string text;
};

struct ReleaseCommand {
  std::string version;
  std::string release_url;
  std::string announcement_url;  // may be empty (set later with `link … --announcement`)
};

struct LinkCommand {
  std::string url;
  std::string label;
  bool announcement = false;  // the mailing-list announcement (SRC only)
};

// Records a link (a PR, the fork, a release) on the timeline; the fix team
// may add links to their own case. With `announcement`, it becomes the case's
// announcement link, and a released case's release posts are updated with it.
Result<Change> AddLink(const Case& current, const LinkCommand& cmd, const Actor& actor,
                       TimePoint now);

// Sets the public summary (SRC members only; not on a closed case).
Result<Change> SetSummary(const Case& current, const SummaryCommand& cmd, const Actor& actor,
                          TimePoint now);

// Releases the case: from fix development (once fixed) or release-scheduled,
// and only with a CVSS score, a public summary and a release day (the refusal
// names each that is missing); SRC members only. Lifts the embargo, records version and links, moves the
// case to `released`, and queues one public release post each for the
// general and the development channel (Message::release_of: the guard renders
// them from the public fields).
Result<Change> Release(const Case& current, const ReleaseCommand& cmd, const Actor& actor,
                       TimePoint now);

}  // namespace srcbot::core
