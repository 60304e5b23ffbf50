#pragma once
// The announcement e-mail (SPEC §4), rendered from the case, ready to paste
// into a mail client. Plain text, not mrkdwn. Pure.

#include <string>
#include <vector>

#include "core/case.h"

namespace srcbot::core {

struct Announcement {
  std::string subject;
  std::string body;
  // Fields the announcement needs that the case lacks, each with the command
  // that sets it; their places in the text say "[missing: …]".
  std::vector<std::string> missing;
};

// `version` overrides the case's fixed version (not known before release).
Announcement RenderAnnouncement(const Case& c, const std::string& version);

}  // namespace srcbot::core
