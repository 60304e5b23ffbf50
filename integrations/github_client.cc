#include "integrations/github_client.h"

#include <nlohmann/json.hpp>

#include "core/advisory.h"
#include "integrations/github_errors.h"

namespace srcbot::integrations {
namespace {

using Json = nlohmann::json;

constexpr int kMaxPages = 50;  // 5,000 reports at 100 a page; beyond that, something loops

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string Text(const Json& doc, const char* name) {
  auto it = doc.find(name);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Advisory ParseAdvisory(const Json& doc) {
  Advisory a;
  a.ghsa_id = Text(doc, "ghsa_id");
  a.html_url = Text(doc, "html_url");
  a.summary = Text(doc, "summary");
  a.state = Text(doc, "state");
  a.cve_id = Text(doc, "cve_id");
  if (auto author = doc.find("author"); author != doc.end() && author->is_object()) {
    a.author_login = Text(*author, "login");
  }
  a.created_at = core::ParseIsoTime(Text(doc, "created_at"));
  if (auto users = doc.find("collaborating_users"); users != doc.end() && users->is_array()) {
    for (const Json& u : *users) {
      if (u.is_object() && !Text(u, "login").empty()) a.collaborators.push_back(Text(u, "login"));
    }
  }
  return a;
}

Repository ParseRepository(const Json& doc) {
  Repository r;
  r.full_name = Text(doc, "full_name");
  r.html_url = Text(doc, "html_url");
  auto priv = doc.find("private");
  r.is_private = priv != doc.end() && priv->is_boolean() && priv->get<bool>();
  return r;
}

core::GithubRelease ParseRelease(const Json& doc) {
  core::GithubRelease r;
  r.tag = Text(doc, "tag_name");
  r.html_url = Text(doc, "html_url");
  auto flag = [&doc](const char* name) {
    auto it = doc.find(name);
    return it != doc.end() && it->is_boolean() && it->get<bool>();
  };
  r.draft = flag("draft");
  r.prerelease = flag("prerelease");
  if (auto assets = doc.find("assets"); assets != doc.end() && assets->is_array()) {
    for (const Json& a : *assets) {
      if (a.is_object() && !Text(a, "name").empty()) r.assets.push_back(Text(a, "name"));
    }
  }
  return r;
}

Json DraftJson(const AdvisoryDraft& d) {
  Json body = Json::object();
  if (!d.summary.empty()) body["summary"] = d.summary;
  if (!d.description.empty()) body["description"] = d.description;
  if (!d.ecosystem.empty()) {
    Json vuln = {{"package", {{"ecosystem", d.ecosystem}}}};
    if (!d.package.empty()) vuln["package"]["name"] = d.package;
    if (!d.vulnerable_range.empty()) vuln["vulnerable_version_range"] = d.vulnerable_range;
    if (!d.patched_versions.empty()) vuln["patched_versions"] = d.patched_versions;
    body["vulnerabilities"] = Json::array({vuln});
  }
  // GitHub takes one or the other, never both.
  if (!d.cvss_vector.empty()) {
    body["cvss_vector_string"] = d.cvss_vector;
  } else if (!d.severity.empty()) {
    body["severity"] = d.severity;
  }
  if (!d.cwe_ids.empty()) body["cwe_ids"] = d.cwe_ids;
  if (!d.credited_reporters.empty()) {
    Json credits = Json::array();
    for (const std::string& login : d.credited_reporters) {
      credits.push_back({{"login", login}, {"type", "reporter"}});
    }
    body["credits"] = credits;
  }
  if (!d.cve_id.empty()) body["cve_id"] = d.cve_id;
  return body;
}

// The URL of rel="next" in a Link header, or "".
std::string NextLink(const std::string& link) {
  size_t at = 0;
  while (at < link.size()) {
    size_t end = link.find(',', at);
    if (end == std::string::npos) end = link.size();
    std::string part = link.substr(at, end - at);
    size_t open = part.find('<');
    size_t close = part.find('>');
    if (open != std::string::npos && close != std::string::npos && close > open &&
        part.find("rel=\"next\"", close) != std::string::npos) {
      return part.substr(open + 1, close - open - 1);
    }
    at = end + 1;
  }
  return "";
}

core::Result<Json> ParseBody(const std::string& body, const std::string& what) {
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded())
    return core::Status::Unavailable("GitHub's answer to " + what + " is not JSON");
  return doc;
}

core::Status CheckRepo(const std::string& repo) {
  if (core::IsRepoName(repo)) return core::Status::Ok();
  return core::Status::Invalid("not a repository: \"" + repo + "\" (expected owner/name)");
}

core::Status CheckNames(const std::string& repo, const std::string& ghsa) {
  if (core::Status s = CheckRepo(repo); !s.ok()) return s;
  if (core::IsGhsaId(ghsa)) return core::Status::Ok();
  return core::Status::Invalid("not a GHSA id: \"" + ghsa + "\"");
}

}  // namespace

GithubClient::GithubClient(bot::HttpClient& http, GithubOptions options, bot::Sleeper sleep,
                           bot::RandomSource random)
    : http_(http),
      options_(std::move(options)),
      sleep_(std::move(sleep)),
      random_(std::move(random)) {
  options_.api_url = TrimSlash(options_.api_url);
  if (options_.tries < 1) options_.tries = 1;
}

std::string GithubClient::Url(const std::string& path) const { return options_.api_url + path; }

core::Result<GithubClient::Answer> GithubClient::Call(const std::string& method,
                                                      const std::string& url,
                                                      const std::string& body,
                                                      const std::string& what) {
  bot::HttpHeaders headers = {
      {"authorization", "Bearer " + options_.token},
      {"accept", "application/vnd.github+json"},
      {"x-github-api-version", "2022-11-28"},
      {"user-agent", "srcbot"},
  };
  if (!body.empty()) headers["content-type"] = "application/json";
  bot::Backoff backoff(options_.backoff_base, options_.backoff_max, random_);
  std::string last;
  for (int attempt = 0; attempt < options_.tries; ++attempt) {
    if (attempt > 0 && sleep_) sleep_(backoff.Next());
    auto sent = http_.Send(method, url, headers, body, options_.timeout);
    if (sent.ok() && sent.value().status < 500) {
      return Answer{sent.value().status, sent.value().body, sent.value().headers};
    }
    last = sent.ok() ? "HTTP " + std::to_string(sent.value().status) : sent.status().message();
  }
  // The HTTP client's messages name the host, never a header; redacted anyway.
  return core::Status::Unavailable(Redact("GitHub could not " + what + " after " +
                                              std::to_string(options_.tries) + " tries (" + last +
                                              "); try again later",
                                          options_.token));
}

core::Result<GithubClient::Answer> GithubClient::Expect(const std::string& method,
                                                        const std::string& path,
                                                        const std::string& body, int expected,
                                                        const std::string& what) {
  auto answer = Call(method, Url(path), body, what);
  if (!answer.ok()) return answer;
  const Answer& a = answer.value();
  if (a.status == expected || (expected == 200 && a.status == 201)) return answer;
  core::Status error = GithubError(a.status, a.headers, a.body, what);
  return core::Status(error.code(), Redact(error.message(), options_.token));
}

core::Result<Advisory> GithubClient::CreateAdvisory(const std::string& repo,
                                                    const AdvisoryDraft& draft) {
  if (core::Status s = CheckRepo(repo); !s.ok()) return s;
  const std::string what = "create the advisory in " + repo;
  // Replace, not throw, should a stored text not be UTF-8: nothing above
  // catches, so a throw would end the process, and the queued job would end
  // it again after every restart.
  const std::string body = DraftJson(draft).dump(-1, ' ', false, Json::error_handler_t::replace);
  auto answer = Expect("POST", "/repos/" + repo + "/security-advisories", body, 201, what);
  if (!answer.ok()) return answer.status();
  auto doc = ParseBody(answer.value().body, what);
  if (!doc.ok()) return doc.status();
  Advisory a = ParseAdvisory(doc.value());
  if (!core::IsGhsaId(a.ghsa_id))
    return core::Status::Unavailable("GitHub's answer to " + what + " has no GHSA id");
  return a;
}

core::Result<Advisory> GithubClient::UpdateAdvisory(const std::string& repo,
                                                    const std::string& ghsa,
                                                    const AdvisoryPatch& patch) {
  if (core::Status s = CheckNames(repo, ghsa); !s.ok()) return s;
  Json body = patch.draft ? DraftJson(*patch.draft) : Json::object();
  if (patch.state) body["state"] = *patch.state;
  if (patch.collaborating_users) body["collaborating_users"] = *patch.collaborating_users;
  if (patch.cve_id) body["cve_id"] = *patch.cve_id;
  const std::string what = "update " + ghsa + " in " + repo;
  const std::string text = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  auto answer = Expect("PATCH", "/repos/" + repo + "/security-advisories/" + ghsa, text, 200, what);
  if (!answer.ok()) return answer.status();
  auto doc = ParseBody(answer.value().body, what);
  if (!doc.ok()) return doc.status();
  return ParseAdvisory(doc.value());
}

core::Result<Advisory> GithubClient::GetAdvisory(const std::string& repo, const std::string& ghsa) {
  if (core::Status s = CheckNames(repo, ghsa); !s.ok()) return s;
  const std::string what = "read " + ghsa + " in " + repo;
  auto answer = Expect("GET", "/repos/" + repo + "/security-advisories/" + ghsa, "", 200, what);
  if (!answer.ok()) return answer.status();
  auto doc = ParseBody(answer.value().body, what);
  if (!doc.ok()) return doc.status();
  return ParseAdvisory(doc.value());
}

core::Result<std::vector<Advisory>> GithubClient::ListAdvisories(const std::string& repo,
                                                                 const std::string& state) {
  if (core::Status s = CheckRepo(repo); !s.ok()) return s;
  const std::string what = "list the " + state + " advisories of " + repo;
  std::vector<Advisory> out;
  std::string url = Url("/repos/" + repo + "/security-advisories?state=" + state + "&per_page=100");
  for (int page = 0; page < kMaxPages && !url.empty(); ++page) {
    // The token goes only to the configured API: a next page elsewhere is refused.
    if (url.rfind(options_.api_url + "/", 0) != 0) {
      return core::Status::Unavailable("GitHub's next page for " + repo + " points away from " +
                                       options_.api_url + "; not followed");
    }
    auto answer = Call("GET", url, "", what);
    if (!answer.ok()) return answer.status();
    const Answer& a = answer.value();
    if (a.status != 200) {
      core::Status error = GithubError(a.status, a.headers, a.body, what);
      return core::Status(error.code(), Redact(error.message(), options_.token));
    }
    auto doc = ParseBody(a.body, what);
    if (!doc.ok()) return doc.status();
    if (!doc.value().is_array())
      return core::Status::Unavailable("GitHub's answer to " + what + " is not a list");
    for (const Json& item : doc.value()) {
      if (item.is_object()) out.push_back(ParseAdvisory(item));
    }
    url = NextLink(bot::HeaderValue(a.headers, "link"));
  }
  return out;
}

core::Result<Repository> GithubClient::CreateFork(const std::string& repo,
                                                  const std::string& ghsa) {
  if (core::Status s = CheckNames(repo, ghsa); !s.ok()) return s;
  const std::string what = "create the private fork for " + ghsa;
  auto answer =
      Expect("POST", "/repos/" + repo + "/security-advisories/" + ghsa + "/forks", "", 202, what);
  if (!answer.ok()) return answer.status();
  auto doc = ParseBody(answer.value().body, what);
  if (!doc.ok()) return doc.status();
  Repository r = ParseRepository(doc.value());
  if (!core::IsRepoName(r.full_name))
    return core::Status::Unavailable("GitHub's answer to " + what + " names no fork");
  return r;
}

core::Result<std::optional<std::string>> GithubClient::GetIfFound(const std::string& path,
                                                                  const std::string& what) {
  auto answer = Call("GET", Url(path), "", what);
  if (!answer.ok()) return answer.status();
  const Answer& a = answer.value();
  if (a.status == 404) return std::optional<std::string>();
  if (a.status != 200) {
    core::Status error = GithubError(a.status, a.headers, a.body, what);
    return core::Status(error.code(), Redact(error.message(), options_.token));
  }
  return std::optional<std::string>(a.body);
}

core::Result<std::optional<Repository>> GithubClient::GetRepository(const std::string& repo) {
  if (core::Status s = CheckRepo(repo); !s.ok()) return s;
  const std::string what = "read the repository " + repo;
  auto body = GetIfFound("/repos/" + repo, what);
  if (!body.ok()) return body.status();
  if (!body.value()) return std::optional<Repository>();
  auto doc = ParseBody(*body.value(), what);
  if (!doc.ok()) return doc.status();
  return std::optional<Repository>(ParseRepository(doc.value()));
}

core::Result<std::optional<core::GithubRelease>> GithubClient::GetReleaseByTag(
    const std::string& repo, const std::string& tag) {
  if (core::Status s = CheckRepo(repo); !s.ok()) return s;
  if (tag.empty() || tag.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789._+-") != std::string::npos) {
    return core::Status::Invalid("not a release tag: \"" + tag + "\"");
  }
  const std::string what = "read the release " + tag + " of " + repo;
  auto body = GetIfFound("/repos/" + repo + "/releases/tags/" + tag, what);
  if (!body.ok()) return body.status();
  if (!body.value()) return std::optional<core::GithubRelease>();
  auto doc = ParseBody(*body.value(), what);
  if (!doc.ok()) return doc.status();
  return std::optional<core::GithubRelease>(ParseRelease(doc.value()));
}

core::Status GithubClient::RequestCve(const std::string& repo, const std::string& ghsa) {
  if (core::Status s = CheckNames(repo, ghsa); !s.ok()) return s;
  auto answer = Expect("POST", "/repos/" + repo + "/security-advisories/" + ghsa + "/cve", "", 202,
                       "request a CVE for " + ghsa);
  return answer.status();
}

}  // namespace srcbot::integrations
