#pragma once
// The GitHub integration as `srcbot serve` and `srcbot console` run it
// (docs/github.md): with --github-token set, the advisory store on --db, a
// GitHub client on --github-api-url, and the threads of the job worker and of
// the private-report intake (--github-repos every --github-poll-minutes).
//
// Owns everything it starts; the case store and clock must outlive it.
// Destroying it stops the threads (before the stores they use go away).

#include <memory>
#include <string>

#include "bot/net/http_client.h"
#include "commands/verb.h"
#include "config/options.h"
#include "core/case_store.h"
#include "integrations/github_service.h"
#include "integrations/release_lookup.h"
#include "store/sqlite_advisory_store.h"

namespace srcbot::app {

class GithubRuntime {
 public:
  // nullptr, and no error, when no token is set: GitHub is off and its
  // verbs say so. Fails (start-up error) when the advisory store cannot be
  // opened. `src_channel` is where the outcomes are posted; `log` gets one
  // line per failure, never the token.
  static core::Result<std::unique_ptr<GithubRuntime>> Start(const config::Config& cfg,
                                                            const core::Clock& clock,
                                                            core::CaseStore& cases,
                                                            const std::string& src_channel,
                                                            integrations::Log log);
  ~GithubRuntime();

  core::AdvisoryStore* advisories() { return store_.get(); }
  // The release gate's view of GitHub (docs/release-gate.md).
  core::ReleaseSource* releases() { return releases_.get(); }

 private:
  GithubRuntime() = default;

  std::unique_ptr<bot::HttpClient> http_;
  std::unique_ptr<store::SqliteAdvisoryStore> store_;
  std::unique_ptr<integrations::GithubService> service_;
  std::unique_ptr<integrations::GithubReleaseSource> releases_;
};

// `options` with the GitHub queue and release gate of `runtime`; unchanged
// when it is null.
commands::ServiceOptions WithGithub(commands::ServiceOptions options, GithubRuntime* runtime);

}  // namespace srcbot::app
