#pragma once
// What the IMAP and SMTP clients share of libcurl: one global init, owned
// handles, the options every mail connection gets (bounded timeouts, no
// signals, only the mail protocols, certificate checks on), and CURLcode to
// core::Status.

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "integrations/mail/mail_url.h"

namespace srcbot::mail {

// curl_global_init, once, from any thread (it is not thread-safe itself).
void InitCurl();

struct CurlEasyFree {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyFree>;

struct CurlListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListFree>;

struct ConnectionOptions {
  std::string user;      // empty: no login (SMTP to a loopback relay)
  std::string password;  // never logged, never in a URL or an error
  std::string ca_file;   // PEM bundle trusted instead of the system's CAs; empty: the system's
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{120'000};  // a whole transfer
};

// Sets the shared options on `h` for a server at `url`: timeouts (and a
// stall check: under 1 byte/s for 30 s fails), CURLOPT_NOSIGNAL, protocols
// limited to `protocols` ("imaps,imap"), credentials, CA file, STARTTLS
// required where the URL says so. `error` must live as long as `h` is used.
void SetCommonOptions(CURL* h, const MailServerUrl& url, const ConnectionOptions& options,
                      const char* protocols, char* error);

// `code` as a Status for `what` ("IMAP fetch"): kUnavailable for connection
// failures and timeouts, kPermissionDenied for a refused login or an
// unverified certificate, kNotFound for a missing message, kInvalidArgument
// when the server refused the command, kInternal otherwise. The message has
// curl's text and `error` (curl's detail), never a credential.
// The codes that say the server could not be reached or the connection broke:
// worth trying again later (IMAP kUnavailable, SMTP a temporary failure).
bool IsConnectionFailure(CURLcode code);

core::Status CurlStatus(CURLcode code, std::string_view what, const char* error);

}  // namespace srcbot::mail
