#include "bot/socket_mode/ws_url.h"

#include <string_view>

#include "core/str_cat.h"

namespace srcbot::bot {

core::Result<WsUrl> ParseWsUrl(const std::string& url) {
  WsUrl out;
  std::string_view rest(url);
  if (rest.starts_with("wss://")) {
    out.tls = true;
    rest.remove_prefix(6);
  } else if (rest.starts_with("ws://")) {
    rest.remove_prefix(5);
  } else {
    return core::Status::Invalid("websocket URL must start with ws:// or wss://");
  }
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view target = end == std::string_view::npos ? "" : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) {
    return core::Status::Invalid("websocket URL must not carry credentials");
  }
  std::string_view port;
  if (authority.starts_with("[")) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return core::Status::Invalid("bad IPv6 host in URL");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (after.starts_with(":")) port = after.substr(1);
  } else {
    const std::size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return core::Status::Invalid("websocket URL has no host");
  if (port.find_first_not_of("0123456789") != std::string_view::npos || port.size() > 5) {
    return core::Status::Invalid("websocket URL has a bad port");
  }
  // Built with StrCat: assigning a literal trips GCC 12's false -Wrestrict.
  std::string_view default_port = out.tls ? "443" : "80";
  out.port = core::StrCat({port.empty() ? default_port : port});
  target = target.substr(0, target.find('#'));
  const bool needs_slash = target.empty() || target.starts_with("?");
  out.target = core::StrCat({needs_slash ? "/" : "", target});
  return out;
}

std::string HostHeader(const WsUrl& url) {
  const bool default_port = url.port == (url.tls ? "443" : "80");
  const bool ipv6 = url.host.find(':') != std::string::npos;
  std::string host = ipv6 ? core::StrCat({"[", url.host, "]"}) : url.host;
  return default_port ? host : core::StrCat({host, ":", url.port});
}

}  // namespace srcbot::bot
