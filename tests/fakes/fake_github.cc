#include "tests/fakes/fake_github.h"

#include <cstdio>

#include <cpprest/http_listener.h>

#include "tests/fakes/free_port.h"

namespace srcbot::testing {
namespace {

namespace http = web::http;
using Json = nlohmann::json;

// pplx ends the process on an exception nobody looked at: every reply is observed.
void Send(http::http_request& request, http::http_response response) {
  request.reply(std::move(response)).then([](pplx::task<void> sent) {
    try {
      sent.get();
    } catch (...) {
    }
  });
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string QueryValue(const std::string& query, const std::string& name) {
  size_t at = 0;
  while (at < query.size()) {
    size_t amp = query.find('&', at);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(at, amp - at);
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
    at = amp + 1;
  }
  return "";
}

GithubReply Error(int status, const std::string& message, Json errors = nullptr) {
  Json body = {{"message", message}, {"documentation_url", "https://docs.github.com/rest"}};
  if (!errors.is_null()) body["errors"] = errors;
  return GithubReply{status, body, {}};
}

Json Public(Json advisory) {
  advisory.erase("_repo");
  return advisory;
}

}  // namespace

class FakeGithub::Listener {
 public:
  Listener(FakeGithub& owner, int port)
      : owner_(owner), listener_(web::uri("http://127.0.0.1:" + std::to_string(port) + "/")) {
    listener_.support([this](http::http_request request) { Serve(std::move(request)); });
  }

  bool Open() {
    try {
      listener_.open().wait();
      return true;
    } catch (...) {
      return false;
    }
  }

  void Close() {
    try {
      listener_.close().wait();
    } catch (...) {
    }
  }

 private:
  // Runs on cpprestsdk's pool: never waits, only chains.
  void Serve(http::http_request request) {
    bot::HttpHeaders headers;
    for (const auto& [name, value] : request.headers()) headers[bot::LowerHeaderName(name)] = value;
    std::string path = request.relative_uri().path();
    std::string query = request.relative_uri().query();
    std::string method = request.method();
    request.extract_string(true).then(
        [this, request, headers, path, query, method](pplx::task<std::string> body) mutable {
          try {
            std::string text = body.get();
            Json json = text.empty() ? Json() : Json::parse(text, nullptr, false);
            GithubReply reply = owner_.Handle(method, path, query, headers, json);
            {
              std::lock_guard<std::mutex> lock(owner_.mu_);
              owner_.calls_.push_back({method, path, query, headers, text, json, reply.status});
            }
            http::http_response response(static_cast<http::status_code>(reply.status));
            for (const auto& [name, value] : reply.headers) response.headers().add(name, value);
            if (!reply.body.is_null())
              response.set_body(reply.body.dump(), "application/json; charset=utf-8");
            Send(request, std::move(response));
          } catch (...) {
            Send(request, http::http_response(http::status_codes::InternalError));
          }
        });
  }

  FakeGithub& owner_;
  http::experimental::listener::http_listener listener_;
};

FakeGithub::FakeGithub() = default;
FakeGithub::~FakeGithub() { Stop(); }

core::Status FakeGithub::Start() {
  if (listener_) return core::Status::Ok();
  for (int attempt = 0; attempt < 5; ++attempt) {
    int port = FreeLoopbackPort();
    if (port == 0) continue;
    auto listener = std::make_unique<Listener>(*this, port);
    if (listener->Open()) {
      listener_ = std::move(listener);
      port_ = port;
      return core::Status::Ok();
    }
  }
  return core::Status::Unavailable("fake github: could not listen on 127.0.0.1");
}

void FakeGithub::Stop() {
  if (listener_) {
    listener_->Close();
    listener_.reset();
  }
}

std::string FakeGithub::api_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeGithub::AddRepo(const std::string& full_name, bool is_private) {
  std::lock_guard<std::mutex> lock(mu_);
  repos_[full_name] = Repo{is_private, 0};
}

std::string FakeGithub::NextGhsa() {
  char buf[32];
  std::snprintf(buf, sizeof buf, "GHSA-fake-test-%04d", next_id_++);
  return buf;
}

std::string FakeGithub::AddReport(const std::string& repo, const std::string& summary,
                                  const std::string& created_at, const std::string& reporter) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string ghsa = NextGhsa();
  Json a = {{"ghsa_id", ghsa},
            {"html_url", "https://github.com/" + repo + "/security/advisories/" + ghsa},
            {"summary", summary},
            {"description", "details"},
            {"state", "triage"},
            {"cve_id", nullptr},
            {"created_at", created_at},
            {"author", reporter.empty() ? Json() : Json{{"login", reporter}, {"type", "User"}}},
            {"submission", {{"accepted", false}}},
            {"collaborating_users", Json::array()},
            {"_repo", repo}};
  advisories_[ghsa] = a;
  order_.push_back(ghsa);
  return ghsa;
}

void FakeGithub::AddRelease(const std::string& repo, const std::string& tag, bool draft,
                            const std::vector<std::string>& assets) {
  std::lock_guard<std::mutex> lock(mu_);
  Json list = Json::array();
  int id = 1;
  for (const std::string& name : assets) {
    list.push_back({{"id", id++},
                    {"name", name},
                    {"state", "uploaded"},
                    {"browser_download_url",
                     "https://github.com/" + repo + "/releases/download/" + tag + "/" + name}});
  }
  releases_[repo + "@" + tag] = {{"tag_name", tag},
                                 {"name", tag},
                                 {"html_url", "https://github.com/" + repo + "/releases/tag/" + tag},
                                 {"draft", draft},
                                 {"prerelease", false},
                                 {"assets", list}};
}

void FakeGithub::SetPageSize(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  page_size_ = n;
}

void FakeGithub::SetForkDelay(int reads) {
  std::lock_guard<std::mutex> lock(mu_);
  fork_delay_ = reads;
}

void FakeGithub::Script(const std::string& method, const std::string& path_prefix,
                        GithubReply reply, int times) {
  std::lock_guard<std::mutex> lock(mu_);
  script_.push_back({method, path_prefix, std::move(reply), times});
}

std::vector<GithubCall> FakeGithub::Calls(const std::string& method,
                                          const std::string& path_prefix) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<GithubCall> out;
  for (const GithubCall& c : calls_) {
    if ((method.empty() || c.method == method) && c.path.rfind(path_prefix, 0) == 0)
      out.push_back(c);
  }
  return out;
}

Json FakeGithub::Advisory(const std::string& ghsa) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = advisories_.find(ghsa);
  return it == advisories_.end() ? Json() : Public(it->second);
}

GithubReply FakeGithub::Handle(const std::string& method, const std::string& path,
                               const std::string& query, const bot::HttpHeaders& headers,
                               const Json& body) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = script_.begin(); it != script_.end(); ++it) {
    if (it->method == method && path.rfind(it->prefix, 0) == 0) {
      GithubReply reply = it->reply;
      if (--it->times <= 0) script_.erase(it);
      return reply;
    }
  }
  if (bot::HeaderValue(headers, "authorization") != std::string("Bearer ") + kToken) {
    return Error(401, "Bad credentials");
  }
  std::vector<std::string> parts = Split(path);
  if (parts.size() < 3 || parts[0] != "repos") return Error(404, "Not Found");
  const std::string repo = parts[1] + "/" + parts[2];
  auto r = repos_.find(repo);
  if (parts.size() == 3 && method == "GET") {
    if (r == repos_.end()) return Error(404, "Not Found");
    if (r->second.reads_until_visible > 0) {
      --r->second.reads_until_visible;
      return Error(404, "Not Found");
    }
    return GithubReply{200,
                       {{"full_name", repo},
                        {"html_url", "https://github.com/" + repo},
                        {"private", r->second.is_private}},
                       {}};
  }
  if (r == repos_.end()) return Error(404, "Not Found");
  if (parts.size() == 6 && parts[3] == "releases" && parts[4] == "tags" && method == "GET") {
    auto rel = releases_.find(repo + "@" + parts[5]);
    if (rel == releases_.end()) return Error(404, "Not Found");
    return GithubReply{200, rel->second, {}};
  }
  if (parts.size() >= 4 && parts[3] == "security-advisories") {
    return Advisories(method, repo, std::vector<std::string>(parts.begin() + 4, parts.end()), query,
                      body);
  }
  return Error(404, "Not Found");
}

GithubReply FakeGithub::Advisories(const std::string& method, const std::string& repo,
                                   const std::vector<std::string>& rest, const std::string& query,
                                   const Json& body) {
  if (rest.empty() && method == "GET") {
    const std::string state = QueryValue(query, "state");
    std::vector<Json> all;
    for (const std::string& g : order_) {
      const Json& a = advisories_[g];
      if (a["_repo"] == repo && (state.empty() || a["state"] == state)) all.push_back(Public(a));
    }
    size_t after = QueryValue(query, "after").empty() ? 0 : std::stoul(QueryValue(query, "after"));
    Json page = Json::array();
    for (size_t i = after; i < all.size() && page.size() < static_cast<size_t>(page_size_); ++i) {
      page.push_back(all[i]);
    }
    GithubReply reply{200, page, {}};
    if (after + page.size() < all.size()) {
      reply.headers["Link"] =
          "<" + api_url() + "/repos/" + repo + "/security-advisories?state=" + state +
          "&after=" + std::to_string(after + page.size()) + ">; rel=\"next\", <" + api_url() +
          "/repos/" + repo + "/security-advisories?state=" + state + ">; rel=\"first\"";
    }
    return reply;
  }
  if (rest.empty() && method == "POST") {
    Json errors = Json::array();
    for (const char* field : {"summary", "description"}) {
      if (!body.is_object() || !body.contains(field) || !body[field].is_string() ||
          body[field].get<std::string>().empty()) {
        errors.push_back(
            {{"resource", "RepositoryAdvisory"}, {"field", field}, {"code", "missing_field"}});
      }
    }
    if (!body.is_object() || !body.contains("vulnerabilities") ||
        !body["vulnerabilities"].is_array() || body["vulnerabilities"].empty() ||
        !body["vulnerabilities"][0]["package"].contains("ecosystem")) {
      errors.push_back({{"resource", "RepositoryAdvisory"},
                        {"field", "vulnerabilities"},
                        {"code", "missing_field"}});
    }
    if (body.is_object() && body.contains("severity") && body.contains("cvss_vector_string")) {
      errors.push_back("severity and cvss_vector_string cannot both be set");
    }
    if (!errors.empty()) return Error(422, "Validation Failed", errors);
    std::string ghsa = NextGhsa();
    Json a = body;
    a["ghsa_id"] = ghsa;
    a["html_url"] = "https://github.com/" + repo + "/security/advisories/" + ghsa;
    a["state"] = "draft";
    a["collaborating_users"] = Json::array();
    a["cve_id"] = body.contains("cve_id") ? body["cve_id"] : Json();
    a["_repo"] = repo;
    advisories_[ghsa] = a;
    order_.push_back(ghsa);
    return GithubReply{201, Public(a), {}};
  }
  auto found = advisories_.find(rest[0]);
  if (found == advisories_.end() || found->second["_repo"] != repo) return Error(404, "Not Found");
  Json& a = found->second;
  if (rest.size() == 1 && method == "GET") return GithubReply{200, Public(a), {}};
  if (rest.size() == 1 && method == "PATCH") {
    if (body.contains("state")) {
      if (body["state"] == "published" && a["state"] != "draft") {
        return Error(422, "Validation Failed",
                     Json::array({"Only draft advisories can be published"}));
      }
      a["state"] = body["state"];
    }
    for (const char* field : {"summary", "description", "cve_id", "severity", "cvss_vector_string",
                              "cwe_ids", "vulnerabilities", "credits"}) {
      if (body.contains(field)) a[field] = body[field];
    }
    if (body.contains("collaborating_users")) {
      Json users = Json::array();
      for (const Json& login : body["collaborating_users"]) users.push_back({{"login", login}});
      a["collaborating_users"] = users;
    }
    return GithubReply{200, Public(a), {}};
  }
  if (rest.size() == 2 && rest[1] == "forks" && method == "POST") {
    std::string name = repo + "-" + std::string(rest[0]);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    repos_[name] = Repo{true, fork_delay_};
    a["private_fork"] = {{"full_name", name}};
    return GithubReply{
        202,
        {{"full_name", name}, {"html_url", "https://github.com/" + name}, {"private", true}},
        {}};
  }
  if (rest.size() == 2 && rest[1] == "cve" && method == "POST") {
    if (repos_[repo].is_private) {
      return Error(422, "Validation Failed",
                   Json::array({"CVE requests are not available for private repositories"}));
    }
    a["cve_requested"] = true;
    return GithubReply{202, Json::object(), {}};
  }
  return Error(404, "Not Found");
}

}  // namespace srcbot::testing
