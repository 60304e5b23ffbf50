#include "integrations/release_lookup.h"

namespace srcbot::integrations {

GithubReleaseSource::GithubReleaseSource(bot::HttpClient& http, GithubOptions options,
                                         bot::Sleeper sleep)
    : client_(http, std::move(options), std::move(sleep)) {}

core::Result<std::optional<core::GithubRelease>> GithubReleaseSource::FindRelease(
    const std::string& repo, const std::string& version) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& tag : core::ReleaseTags(version)) {
    auto found = client_.GetReleaseByTag(repo, tag);
    if (!found.ok() || found.value()) return found;
  }
  return std::optional<core::GithubRelease>();
}

}  // namespace srcbot::integrations
