#pragma once
// The websocket URLs srcbot opens: Slack's apps.connections.open hands out
// wss:// URLs; ws:// exists for the loopback fakes only. Errors never repeat
// the query, because Slack's single-use ticket is in it.

#include <string>

#include "core/result.h"

namespace srcbot::bot {

struct WsUrl {
  bool tls = false;
  std::string host;    // without brackets
  std::string port;    // "443" (wss) or "80" (ws) when the URL names none
  std::string target;  // path and query, at least "/"
};

// kInvalidArgument for another scheme, credentials in the URL, or no host.
core::Result<WsUrl> ParseWsUrl(const std::string& url);

// The Host header's value: the port only when it is not the scheme's default.
std::string HostHeader(const WsUrl& url);

}  // namespace srcbot::bot
