#pragma once
// SignatureVerifier: proves that an HTTP request came from Slack (SLACK.md §1).
// Slack signs every HTTP request with the app's signing secret:
//   X-Slack-Signature = "v0=" + hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body))
// where ts is X-Slack-Request-Timestamp. Socket Mode payloads are not signed
// and never come here.
//
// The secret is copied in and never appears in a returned message. The Clock is
// not owned and must outlive the verifier.
// Thread safety: Verify is const and may be called from any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "bot/net/http_types.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::bot {

// How far (in seconds, either side of now) a request timestamp may be.
inline constexpr std::int64_t kSignatureWindowSeconds = 300;

class SignatureVerifier {
 public:
  SignatureVerifier(std::string signing_secret, const core::Clock& clock);

  // Checks `raw_body` (the bytes as received, before any decoding) against the
  // X-Slack-Request-Timestamp and X-Slack-Signature headers (any letter case).
  // Ok when the signature matches and the timestamp is within
  // kSignatureWindowSeconds of the clock. Otherwise kPermissionDenied with a
  // short reason ("missing X-Slack-Signature", "stale timestamp", "signature
  // mismatch"…) that never holds the secret or the expected signature. An empty
  // secret refuses everything.
  core::Status Verify(const HttpHeaders& headers, const std::string& raw_body) const;

 private:
  std::string secret_;
  const core::Clock& clock_;
};

// "v0=" + lower-case hex HMAC-SHA256 of "v0:<timestamp>:<body>" under `secret`.
// Used by Verify and by tests and fakes that sign requests the way Slack does.
// Empty when OpenSSL fails.
std::string SlackSignature(std::string_view secret, std::string_view timestamp,
                           std::string_view body);

}  // namespace srcbot::bot
