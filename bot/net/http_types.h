#pragma once
// HTTP requests and responses as plain values, shared by the listener, the
// client and the Slack code above them. Header names are stored lower-case
// (Slack's header names vary in case; HTTP says they are case-insensitive).

#include <map>
#include <string>
#include <string_view>

namespace srcbot::bot {

using HttpHeaders = std::map<std::string, std::string>;  // lower-case name → value

struct HttpRequest {
  std::string method;  // "GET", "POST"
  std::string path;    // "/slack/commands", without the query
  std::string query;   // "a=1&b=2", without the "?"
  HttpHeaders headers;
  std::string body;  // the raw bytes as received
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // empty: no body type
  std::string body;
  HttpHeaders headers;  // extra headers, e.g. "retry-after"
};

// Lower-cases an ASCII header name.
std::string LowerHeaderName(std::string_view name);
// The value of header `name` (any case), or "" when absent.
std::string HeaderValue(const HttpHeaders& headers, std::string_view name);

}  // namespace srcbot::bot
