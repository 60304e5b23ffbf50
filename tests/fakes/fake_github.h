#pragma once
// FakeGithub: a loopback GitHub REST API for the advisory tests
// (docs/github.md). Start() listens on 127.0.0.1 only, on a free port, with a
// cpprestsdk listener (its header stays in the .cc). It keeps a small world —
// repositories, repository security advisories, temporary private forks —
// and answers the endpoints srcbot uses as GitHub documents them:
//   POST   /repos/{o}/{r}/security-advisories              201 (422 without
//          summary, description or vulnerabilities[].package.ecosystem)
//   GET    /repos/{o}/{r}/security-advisories?state=…      200, pages of
//          `page_size` with a Link rel="next" (cursor `after`)
//   GET    /repos/{o}/{r}/security-advisories/{ghsa}       200
//   PATCH  /repos/{o}/{r}/security-advisories/{ghsa}       200
//   POST   /repos/{o}/{r}/security-advisories/{ghsa}/forks 202; the fork's
//          GET /repos answers 404 for its first `fork_delay` reads
//   POST   /repos/{o}/{r}/security-advisories/{ghsa}/cve   202; 422 for a
//          private repository
//   GET    /repos/{o}/{r}                                  200 or 404
//   GET    /repos/{o}/{r}/releases/tags/{tag}              200, or 404 for no such
//          release (and for a draft: GitHub shows drafts only to collaborators
//          with push access, which the fake grants)
// Every request must carry `Authorization: Bearer <token>` (else 401). Every
// call is recorded; Script() makes the next matching calls answer as told.
// Thread-safe.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/net/http_types.h"
#include "core/result.h"

namespace srcbot::testing {

struct GithubCall {
  std::string method;
  std::string path;   // without the query
  std::string query;  // without the "?"
  bot::HttpHeaders headers;
  std::string body;
  nlohmann::json json;  // the body parsed, or null
  int status = 0;       // what was answered
};

struct GithubReply {
  int status = 200;
  nlohmann::json body = nlohmann::json::object();
  bot::HttpHeaders headers = {};
};

class FakeGithub {
 public:
  FakeGithub();
  ~FakeGithub();  // Stop()
  FakeGithub(const FakeGithub&) = delete;
  FakeGithub& operator=(const FakeGithub&) = delete;

  core::Status Start();
  void Stop();
  // "http://127.0.0.1:<port>": what --github-api-url is set to.
  std::string api_url() const;

  static constexpr const char* kToken = "ghp_FAKEtoken0123456789secret";

  // The world.
  void AddRepo(const std::string& full_name, bool is_private = false);
  // A private vulnerability report (state triage) in `repo`; returns its GHSA id.
  std::string AddReport(const std::string& repo, const std::string& summary,
                        const std::string& created_at, const std::string& reporter);
  // A release of `repo` tagged `tag` with these asset names.
  void AddRelease(const std::string& repo, const std::string& tag, bool draft,
                  const std::vector<std::string>& assets);
  void SetPageSize(int n);
  void SetForkDelay(int reads);  // 404s a new fork answers before it exists

  // The next `times` calls whose method is `method` and whose path starts
  // with `path_prefix` get `reply` instead of the world's answer.
  void Script(const std::string& method, const std::string& path_prefix, GithubReply reply,
              int times = 1);

  std::vector<GithubCall> Calls(const std::string& method = "",
                                const std::string& path_prefix = "") const;
  // The advisory as the world has it now, or null.
  nlohmann::json Advisory(const std::string& ghsa) const;

 private:
  class Listener;
  struct Scripted {
    std::string method;
    std::string prefix;
    GithubReply reply;
    int times;
  };
  struct Repo {
    bool is_private = false;
    int reads_until_visible = 0;
  };

  GithubReply Handle(const std::string& method, const std::string& path, const std::string& query,
                     const bot::HttpHeaders& headers, const nlohmann::json& body);
  GithubReply Advisories(const std::string& method, const std::string& repo,
                         const std::vector<std::string>& rest, const std::string& query,
                         const nlohmann::json& body);
  std::string NextGhsa();

  mutable std::mutex mu_;
  std::map<std::string, Repo> repos_;
  std::map<std::string, nlohmann::json> advisories_;  // ghsa → advisory
  std::map<std::string, nlohmann::json> releases_;    // "owner/name@tag" → release
  std::vector<std::string> order_;                    // ghsa ids in creation order
  std::vector<Scripted> script_;
  std::vector<GithubCall> calls_;
  int page_size_ = 30;
  int fork_delay_ = 0;
  int next_id_ = 1;
  std::unique_ptr<Listener> listener_;
  int port_ = 0;
};

}  // namespace srcbot::testing
