#pragma once
// GithubReleaseSource: the release gate's question to GitHub
// (docs/release-gate.md) over GithubClient. Each FindRelease tries the tags
// of core::ReleaseTags in order and returns the first release found.
// Serialized internally: `release` may run on several handler threads.

#include <memory>
#include <mutex>

#include "core/release_gate.h"
#include "integrations/github_client.h"

namespace srcbot::integrations {

class GithubReleaseSource : public core::ReleaseSource {
 public:
  GithubReleaseSource(bot::HttpClient& http, GithubOptions options, bot::Sleeper sleep);

  core::Result<std::optional<core::GithubRelease>> FindRelease(const std::string& repo,
                                                               const std::string& version) override;

 private:
  std::mutex mu_;
  GithubClient client_;
};

}  // namespace srcbot::integrations
