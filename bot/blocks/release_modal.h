#pragma once
// The Release button's modal, and reading its submission into the `release`
// line it stands for. `release` needs a version and a release URL that no
// post knows beforehand, so the button opens this form instead of running a
// command; the form is also the confirmation (docs/buttons.md): it says what
// releasing does and its submit button is "Release". Running the line is the
// caller's job (slack_inbound.cc), through the same path as the typed verb.
// Pure: no I/O, never throws.

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/case.h"

namespace srcbot::bot {

inline constexpr std::string_view kReleaseCallbackId = "src_release";
inline constexpr std::string_view kReleaseVersionBlock = "version";
inline constexpr std::string_view kReleaseUrlBlock = "release_url";
inline constexpr std::string_view kReleaseAnnouncementBlock = "announcement_url";

// Where the click came from, carried through the modal in private_metadata so
// the submission runs in that channel and can edit the post. `post_text` is
// the post's own text (already in that channel); it is dropped when the
// metadata would exceed Slack's 3000 characters, and the edit is then skipped.
struct ReleaseOrigin {
  std::string channel;
  std::string ts;         // the post with the button; may be empty
  std::string post_text;  // may be empty
};

// The modal for releasing `id`: inputs version (required), release URL
// (required), announcement URL (optional).
nlohmann::json ReleaseModal(core::CaseId id, const ReleaseOrigin& origin);

struct ReleaseSubmission {
  std::map<std::string, std::string> errors;  // block_id → message; nothing to run
  core::CaseId id = 0;
  ReleaseOrigin origin;
  std::string command_text;  // release SRC-3 --version "1.2.3" --release-url "…"
};

// `view` is the payload's `view` object.
ReleaseSubmission ReadReleaseSubmission(const nlohmann::json& view);

}  // namespace srcbot::bot
