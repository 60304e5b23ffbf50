#pragma once
// The public release post (SPEC §3, §4): after `release`, the only case text
// that may reach a public channel. PublicRelease holds the public fields and
// nothing else — no title, reporter, team, notes or timeline — and the post is
// rendered from it alone, so a release post cannot carry anything more.

#include <optional>
#include <string>

#include "core/case.h"

namespace srcbot::core {

struct PublicRelease {
  CaseId id = 0;
  std::string project;  // owner/name
  std::string version;
  std::string cve;
  std::optional<double> cvss_score;
  std::string summary;
  std::string release_url;
  std::string advisory_url;
  std::string announcement_url;
};

// The public fields of `c`, whatever its stage.
PublicRelease PublicFieldsOf(const Case& c);

// The post for the general and development channels, in Slack mrkdwn. Fields
// that are not set are left out.
std::string RenderReleasePost(const PublicRelease& r);

// A release post's message (Message::release_of) carries no text of its own:
// its text says what to do with the post in that channel.
inline constexpr const char* kReleasePostNew = "";
inline constexpr const char* kReleasePostUpdate = "update";  // edit the earlier post (chat.update)

// Whether `c` has been released: only then may its release post go out.
bool IsReleased(const Case& c);

}  // namespace srcbot::core
