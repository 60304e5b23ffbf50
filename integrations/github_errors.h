#pragma once
// How GitHub's refusals read to an SRC member (docs/github.md, "When GitHub
// says no"): each HTTP answer that was not the expected one becomes a
// core::Status with a message that says what went wrong and what to do, and
// never holds the token. Pure functions.

#include <string>

#include "bot/net/http_types.h"
#include "core/result.h"

namespace srcbot::integrations {

// True for a 403 or 429 that says the rate limit is used up
// (x-ratelimit-remaining: 0, or a retry-after header: a secondary limit).
bool IsRateLimited(int status, const bot::HttpHeaders& headers);

// GitHub's own words from an error body: "message", then each of "errors"
// (strings, or objects with field/code/message). "" for a body that has none.
std::string GithubMessage(const std::string& body);

// The error for `status` answered to `what` ("create the advisory in o/r"):
//   401              kPermissionDenied: the token was refused
//   403, 429 limited kUnavailable: rate limited, resets at <x-ratelimit-reset>
//                    (or: try again in <retry-after> seconds)
//   403              kPermissionDenied: not an admin or security manager, or
//                    the token lacks repository_advisories:write / repo
//   404              kNotFound
//   409              kConflict, with GitHub's message
//   422              kInvalidArgument, with GitHub's message
//   anything else    kUnavailable (5xx) or kInternal, with the status
core::Status GithubError(int status, const bot::HttpHeaders& headers, const std::string& body,
                         const std::string& what);

// `text` with every occurrence of `secret` replaced by "***" (an empty secret
// changes nothing).
std::string Redact(std::string text, const std::string& secret);

}  // namespace srcbot::integrations
