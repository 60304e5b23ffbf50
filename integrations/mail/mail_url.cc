#include "integrations/mail/mail_url.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <memory>

#include "core/str_cat.h"

namespace srcbot::mail {

namespace {

struct UrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlFree {
  void operator()(char* p) const { curl_free(p); }
};

// The URL part, or "" when it is not there.
std::string Part(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || !value) return {};
  std::unique_ptr<char, CurlFree> owned(value);
  return value;
}

core::Status Refuse(std::string_view why) {
  return core::Status::Invalid(core::StrCat({"mail server URL: ", why}));
}

}  // namespace

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "[::1]" || host == "::1") return true;
  // Only an IPv4 literal: "127.example.org" is a name anyone can register.
  in_addr v4{};
  std::string copy(host);
  return inet_pton(AF_INET, copy.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

core::Result<MailServerUrl> ParseMailUrl(std::string_view text, MailProtocol protocol) {
  std::unique_ptr<CURLU, UrlFree> url(curl_url());
  if (!url) return core::Status::Internal("mail server URL: out of memory");
  std::string copy(text);
  if (curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK) {
    return Refuse("not a URL");
  }
  MailServerUrl out;
  std::string scheme = Part(url.get(), CURLUPART_SCHEME);
  out.host = Part(url.get(), CURLUPART_HOST);
  out.loopback = IsLoopbackHost(out.host);
  if (out.host.empty()) return Refuse("no host");
  if (!Part(url.get(), CURLUPART_USER).empty() || !Part(url.get(), CURLUPART_PASSWORD).empty()) {
    return Refuse("a user or password in the URL (use the user option and the password file)");
  }
  if (protocol == MailProtocol::kImap) {
    if (scheme != "imaps" && !(scheme == "imap" && out.loopback)) {
      return Refuse(scheme == "imap" ? "imap:// (no TLS) is only for 127.0.0.1 or localhost; use imaps://"
                                     : "IMAP needs imaps://host[:port]/folder");
    }
    std::string path = Part(url.get(), CURLUPART_PATH, CURLU_URLDECODE);
    while (!path.empty() && path.front() == '/') path.erase(0, 1);
    while (!path.empty() && path.back() == '/') path.pop_back();
    out.folder = path;
  } else {
    if (scheme != "smtps" && scheme != "smtp") {
      return Refuse("SMTP needs smtps://host:465 or smtp://host:587 (STARTTLS)");
    }
    out.require_starttls = scheme == "smtp" && !out.loopback;
  }
  if (!Part(url.get(), CURLUPART_QUERY).empty() || !Part(url.get(), CURLUPART_FRAGMENT).empty()) {
    return Refuse("no query or fragment allowed");
  }
  std::string port = Part(url.get(), CURLUPART_PORT);
  out.server = core::StrCat({scheme, "://", out.host, port.empty() ? "" : ":", port});
  return out;
}

}  // namespace srcbot::mail
