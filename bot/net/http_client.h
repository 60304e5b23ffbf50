#pragma once
// An HTTP client behind a small interface (cpprestsdk's today). Synchronous:
// call it from srcbot's own threads, never from inside an HttpServer handler
// that runs on cpprestsdk's pool (ours don't).

#include <chrono>
#include <memory>
#include <string>

#include "bot/net/http_types.h"
#include "core/result.h"

namespace srcbot::bot {

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request to the absolute `url` ("http://127.0.0.1:8080/api/chat.postMessage").
  // Any HTTP status is a success here (the caller reads it); kUnavailable for
  // network errors and timeouts, with a message that names the host but never a
  // header value (headers carry tokens). Never throws. Thread-safe.
  virtual core::Result<HttpResponse> Send(const std::string& method, const std::string& url,
                                          const HttpHeaders& headers, const std::string& body,
                                          std::chrono::milliseconds timeout) = 0;
};

std::unique_ptr<HttpClient> MakeCpprestHttpClient();

}  // namespace srcbot::bot
