#include "integrations/mail/curl_support.h"

#include <mutex>

#include "core/str_cat.h"

namespace srcbot::mail {

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void SetCommonOptions(CURL* h, const MailServerUrl& url, const ConnectionOptions& options,
                      const char* protocols, char* error) {
  error[0] = '\0';
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  // Signals are how curl times out name lookups by default; in a threaded
  // program they would hit other threads.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, options.ca_file.c_str());
    // Debian's libcurl also looks in /etc/ssl/certs by default: the file
    // replaces the system's CAs, it does not add to them.
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
  }
  if (!options.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options.password.c_str());
  }
  // Plain only where ParseMailUrl allowed it (loopback); smtp:// elsewhere
  // must upgrade, or nothing is sent.
  curl_easy_setopt(h, CURLOPT_USE_SSL,
                   url.require_starttls ? static_cast<long>(CURLUSESSL_ALL)
                                        : static_cast<long>(CURLUSESSL_NONE));
}

bool IsConnectionFailure(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UPLOAD_FAILED:
    case CURLE_AGAIN:
      return true;
    default:
      return false;
  }
}

core::Status CurlStatus(CURLcode code, std::string_view what, const char* error) {
  std::string detail = curl_easy_strerror(code);
  if (error && error[0] != '\0') detail = core::StrCat({detail, " (", error, ")"});
  std::string message = core::StrCat({what, ": ", detail});
  if (code == CURLE_OK) return core::Status::Ok();
  if (IsConnectionFailure(code)) return core::Status::Unavailable(message);
  switch (code) {
    case CURLE_LOGIN_DENIED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
      return core::Status::Denied(message);
    case CURLE_REMOTE_FILE_NOT_FOUND:
      return core::Status::NotFound(message);
    case CURLE_QUOTE_ERROR:
    case CURLE_REMOTE_ACCESS_DENIED:
    case CURLE_URL_MALFORMAT:
      return core::Status::Invalid(message);
    default:
      return core::Status::Internal(message);
  }
}

}  // namespace srcbot::mail
