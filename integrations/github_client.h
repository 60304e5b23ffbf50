#pragma once
// GithubClient: the calls srcbot makes to GitHub's REST API (version
// 2022-11-28) for repository security advisories (docs/github.md), over the
// bot::HttpClient interface. Every request carries `Authorization: Bearer
// <token>`, `Accept: application/vnd.github+json`, `X-GitHub-Api-Version` and
// a User-Agent, and goes only to `api_url` (a pagination link to another host
// is refused, so the token never leaves for it).
//
// Errors are core::Status values whose messages are for people and never hold
// the token (github_errors.h maps each answer): kPermissionDenied (401, 403),
// kNotFound (404), kInvalidArgument (422, with GitHub's message),
// kUnavailable (rate limited, with the reset time; 5xx or network failures
// after `tries` attempts with backoff).
//
// Thread-compatible: one client per thread, or serialize the calls (the
// worker and the intake each own one).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bot/net/http_client.h"
#include "bot/runtime/backoff.h"
#include "core/release_gate.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::integrations {

struct GithubOptions {
  std::string api_url = "https://api.github.com";
  std::string token;
  std::chrono::milliseconds timeout{15'000};
  int tries = 3;  // attempts for a 5xx or network failure
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_max{8000};
};

// What srcbot sends to create (or accept and fill in) an advisory. Empty
// fields are left out of the request.
struct AdvisoryDraft {
  std::string summary;
  std::string description;
  std::string ecosystem;  // required by GitHub
  std::string package;
  std::string vulnerable_range;
  std::string patched_versions;
  std::string cvss_vector;  // v3.x only; GitHub wants it or `severity`
  std::string severity;     // "critical", "high", "medium", "low"
  std::vector<std::string> cwe_ids;
  std::vector<std::string> credited_reporters;  // logins credited as "reporter"
  std::string cve_id;
};

// A PATCH of an advisory: only the fields set are sent.
struct AdvisoryPatch {
  std::optional<std::string> state;  // "draft", "published"
  std::optional<std::vector<std::string>> collaborating_users;
  std::optional<AdvisoryDraft> draft;
  std::optional<std::string> cve_id;
};

struct Advisory {
  std::string ghsa_id;
  std::string html_url;
  std::string summary;
  std::string state;  // "triage", "draft", "published", "closed", "withdrawn"
  std::string cve_id;
  std::string author_login;  // for a private report, who submitted it
  std::optional<core::TimePoint> created_at;
  std::vector<std::string> collaborators;  // collaborating_users' logins
};

struct Repository {
  std::string full_name;  // owner/name
  std::string html_url;
  bool is_private = false;
};

class GithubClient {
 public:
  // `sleep` waits between retries; `random` jitters them (may be empty).
  GithubClient(bot::HttpClient& http, GithubOptions options, bot::Sleeper sleep,
               bot::RandomSource random = {});

  // POST /repos/{repo}/security-advisories (201).
  core::Result<Advisory> CreateAdvisory(const std::string& repo, const AdvisoryDraft& draft);
  // PATCH /repos/{repo}/security-advisories/{ghsa} (200).
  core::Result<Advisory> UpdateAdvisory(const std::string& repo, const std::string& ghsa,
                                        const AdvisoryPatch& patch);
  // GET /repos/{repo}/security-advisories/{ghsa}.
  core::Result<Advisory> GetAdvisory(const std::string& repo, const std::string& ghsa);
  // Every advisory of `repo` in `state`, following Link rel="next" pages.
  core::Result<std::vector<Advisory>> ListAdvisories(const std::string& repo,
                                                     const std::string& state);
  // POST …/{ghsa}/forks (202): the fork GitHub is making.
  core::Result<Repository> CreateFork(const std::string& repo, const std::string& ghsa);
  // GET /repos/{repo}: nullopt on 404 (not there, or not visible yet).
  core::Result<std::optional<Repository>> GetRepository(const std::string& repo);
  // GET /repos/{repo}/releases/tags/{tag}: nullopt on 404 (no such release,
  // or a draft the token cannot see). Only the first page of assets is read
  // (GitHub lists up to 100 per release there; srcbot's gate needs no more).
  core::Result<std::optional<core::GithubRelease>> GetReleaseByTag(const std::string& repo,
                                                                   const std::string& tag);
  // POST …/{ghsa}/cve (202).
  core::Status RequestCve(const std::string& repo, const std::string& ghsa);

  const GithubOptions& options() const { return options_; }

 private:
  struct Answer {
    int status = 0;
    std::string body;
    bot::HttpHeaders headers;
  };
  // Sends one request (absolute `url`), retrying 5xx and network failures.
  // Any answer below 500 is returned as is; `what` names the call in errors.
  core::Result<Answer> Call(const std::string& method, const std::string& url,
                            const std::string& body, const std::string& what);
  // Call, then the status `expected` or the mapped error.
  core::Result<Answer> Expect(const std::string& method, const std::string& path,
                              const std::string& body, int expected, const std::string& what);
  std::string Url(const std::string& path) const;
  // GET `path`: its body on 200, nullopt on 404, else the mapped error.
  core::Result<std::optional<std::string>> GetIfFound(const std::string& path,
                                                      const std::string& what);

  bot::HttpClient& http_;
  GithubOptions options_;
  bot::Sleeper sleep_;
  bot::RandomSource random_;
};

}  // namespace srcbot::integrations
