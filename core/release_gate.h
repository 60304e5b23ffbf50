#pragma once
// The release gate (SPEC §8, docs/release-gate.md): before `release` posts
// anything, the GitHub release of --version in the case's repository must
// exist, be published (not a draft), carry assets, and each binary asset must
// have its signature beside it: a Sigstore bundle (<asset>.sigstore.json or
// <asset>.sigstore) or a detached signature with its certificate (<asset>.sig
// and <asset>.pem). The decision is pure; ReleaseSource is how it asks GitHub.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace srcbot::core {

struct GithubRelease {
  std::string tag;
  std::string html_url;
  bool draft = false;
  bool prerelease = false;
  std::vector<std::string> assets;  // asset file names
};

class ReleaseSource {
 public:
  virtual ~ReleaseSource() = default;
  // The release tagged `tag` in `repo` (owner/name); nullopt when GitHub says
  // there is none. An error (kUnavailable, kPermissionDenied, …) when GitHub
  // could not be asked or refused: the gate then refuses too.
  virtual Result<std::optional<GithubRelease>> FindRelease(const std::string& repo,
                                                           const std::string& tag) = 0;
};

// The tags tried for `version`, in order: as given, then with a "v" in front
// ("1.4.2" → "1.4.2", "v1.4.2"; "v1.4.2" → "v1.4.2", "1.4.2").
std::vector<std::string> ReleaseTags(std::string_view version);

// Whether an asset is a binary that needs a signature: everything except
// signatures, certificates and bundles themselves, checksum lists, SBOMs and
// provenance attestations, and text (docs/release-gate.md lists the rules).
bool IsBinaryAsset(std::string_view name);

// What is wrong with `release` (nullopt: not found), each one line naming the
// asset; empty when it passes.
std::vector<std::string> ReleaseProblems(const std::optional<GithubRelease>& release,
                                         const std::string& repo, const std::string& version);

}  // namespace srcbot::core
