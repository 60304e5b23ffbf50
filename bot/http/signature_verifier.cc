#include "bot/http/signature_verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <utility>

namespace srcbot::bot {
namespace {

// Header maps are meant to hold lower-case names (http_types.h), but a
// transport that forgot to lower-case them must not make Slack's requests fail
// or, worse, let a differently-cased duplicate slip past: scan, ignoring case.
std::string Header(const HttpHeaders& headers, std::string_view name) {
  std::string wanted = LowerHeaderName(name);
  auto exact = headers.find(wanted);
  if (exact != headers.end()) return exact->second;
  for (const auto& [key, value] : headers) {
    if (LowerHeaderName(key) == wanted) return value;
  }
  return std::string();
}

// Slack sends epoch seconds as plain decimal digits; anything else (signs,
// spaces, exponents, absurd lengths) is refused rather than guessed at.
bool ParseTimestamp(const std::string& text, std::int64_t* out) {
  if (text.empty() || text.size() > 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string SlackSignature(std::string_view secret, std::string_view timestamp,
                           std::string_view body) {
  std::string base;
  base.reserve(4 + timestamp.size() + body.size());
  base.append("v0:").append(timestamp).append(":").append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // The secret is used as its UTF-8 bytes, not hex-decoded (SLACK.md §1 step 4).
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(base.data()), base.size(), digest,
           &length) == nullptr) {
    return std::string();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "v0=";
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0f];
  }
  return out;
}

SignatureVerifier::SignatureVerifier(std::string signing_secret, const core::Clock& clock)
    : secret_(std::move(signing_secret)), clock_(clock) {}

core::Status SignatureVerifier::Verify(const HttpHeaders& headers,
                                       const std::string& raw_body) const {
  if (secret_.empty()) return core::Status::Denied("no signing secret configured");
  std::string timestamp = Header(headers, "x-slack-request-timestamp");
  std::string signature = Header(headers, "x-slack-signature");
  if (timestamp.empty()) return core::Status::Denied("missing X-Slack-Request-Timestamp");
  if (signature.empty()) return core::Status::Denied("missing X-Slack-Signature");
  std::int64_t ts = 0;
  if (!ParseTimestamp(timestamp, &ts)) return core::Status::Denied("malformed timestamp");
  // Two-sided, as Slack's documentation and python-slack-sdk do: a timestamp
  // from the future is as suspicious as an old one (bolt-js checks one side).
  std::int64_t now = clock_.Now().time_since_epoch().count();
  std::int64_t skew = now > ts ? now - ts : ts - now;
  if (skew > kSignatureWindowSeconds) return core::Status::Denied("stale timestamp");

  std::string expected = SlackSignature(secret_, timestamp, raw_body);
  if (expected.empty()) return core::Status::Denied("signature could not be computed");
  // CRYPTO_memcmp takes time independent of where the bytes differ; it needs
  // equal lengths, and a length is no secret (every valid signature has it).
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return core::Status::Denied("signature mismatch");
  }
  return core::Status::Ok();
}

}  // namespace srcbot::bot
