#include "integrations/github_errors.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "core/time.h"

namespace srcbot::integrations {
namespace {

using Json = nlohmann::json;

std::optional<long long> Number(const std::string& text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Said(const std::string& body, const std::string& fallback) {
  std::string message = GithubMessage(body);
  return message.empty() ? fallback : message;
}

std::string RateLimited(int status, const bot::HttpHeaders& headers) {
  std::string text = "GitHub's rate limit is used up (HTTP " + std::to_string(status) + ")";
  if (auto reset = Number(bot::HeaderValue(headers, "x-ratelimit-reset"))) {
    return text + "; it resets at " + core::FormatHuman(core::TimePoint(core::Duration(*reset))) +
           ", then try again";
  }
  if (auto wait = Number(bot::HeaderValue(headers, "retry-after"))) {
    return text + "; try again in " + std::to_string(*wait) + " seconds";
  }
  return text + "; try again later";
}

}  // namespace

bool IsRateLimited(int status, const bot::HttpHeaders& headers) {
  if (status != 403 && status != 429) return false;
  return bot::HeaderValue(headers, "x-ratelimit-remaining") == "0" ||
         !bot::HeaderValue(headers, "retry-after").empty();
}

std::string GithubMessage(const std::string& body) {
  Json doc = Json::parse(body, nullptr, false);
  if (!doc.is_object()) return "";
  std::string out;
  if (auto m = doc.find("message"); m != doc.end() && m->is_string()) out = m->get<std::string>();
  auto errors = doc.find("errors");
  if (errors == doc.end() || !errors->is_array()) return out;
  for (const Json& e : *errors) {
    std::string one;
    if (e.is_string()) {
      one = e.get<std::string>();
    } else if (e.is_object()) {
      for (const char* key : {"field", "code", "message"}) {
        if (auto v = e.find(key); v != e.end() && v->is_string()) {
          one += (one.empty() ? "" : " ") + v->get<std::string>();
        }
      }
    }
    if (!one.empty()) out += (out.empty() ? "" : "; ") + one;
  }
  return out;
}

core::Status GithubError(int status, const bot::HttpHeaders& headers, const std::string& body,
                         const std::string& what) {
  const std::string code = " (HTTP " + std::to_string(status) + ": ";
  if (status == 401) {
    return core::Status::Denied("GitHub refused the token" + code + Said(body, "Bad credentials") +
                                "): check --github-token (GITHUB_TOKEN)");
  }
  if (IsRateLimited(status, headers))
    return core::Status::Unavailable(RateLimited(status, headers));
  if (status == 403) {
    return core::Status::Denied(
        "GitHub refused to " + what + code + Said(body, "Forbidden") +
        "): the token's account must be an admin or a security manager of the repository, and a "
        "fine-grained token needs repository_advisories:write (a classic one, the repo scope)");
  }
  if (status == 404) {
    return core::Status::NotFound("GitHub found nothing to " + what + code +
                                  Said(body, "Not Found") +
                                  "): check the names, and that the token can see the repository");
  }
  if (status == 409)
    return core::Status::Conflict("GitHub refused to " + what + code + Said(body, "Conflict") +
                                  ")");
  if (status == 422) {
    return core::Status::Invalid("GitHub refused to " + what + code +
                                 Said(body, "Validation Failed") + ")");
  }
  if (status >= 500) {
    return core::Status::Unavailable("GitHub failed to " + what + " (HTTP " +
                                     std::to_string(status) + "); try again later");
  }
  return core::Status::Internal("GitHub answered HTTP " + std::to_string(status) + " to " + what +
                                (GithubMessage(body).empty() ? "" : ": " + GithubMessage(body)));
}

std::string Redact(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

}  // namespace srcbot::integrations
