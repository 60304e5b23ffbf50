#pragma once
// Which mail server URLs srcbot accepts (SPEC §7): TLS, except on loopback.
//   IMAP: imaps://host[:port][/folder]; imap:// only to 127.0.0.1, ::1 or localhost.
//   SMTP: smtps://host[:port], or smtp://host[:port] with STARTTLS required;
//         smtp:// to loopback may be plain.
// Credentials never go in the URL (they would show up in every error): a
// user or password in it is refused. Parsed with libcurl's URL API.

#include <string>
#include <string_view>

#include "core/result.h"

namespace srcbot::mail {

enum class MailProtocol { kImap, kSmtp };

struct MailServerUrl {
  std::string server;  // "imaps://host:993": scheme, host and port only
  std::string host;
  bool loopback = false;
  // SMTP on a non-loopback smtp:// URL: STARTTLS must succeed (CURLUSESSL_ALL).
  bool require_starttls = false;
  std::string folder;  // IMAP: the URL's path, decoded, without its leading '/'; may be empty
};

// kInvalidArgument, saying what is accepted, for anything else.
core::Result<MailServerUrl> ParseMailUrl(std::string_view url, MailProtocol protocol);

// True for 127.0.0.1 (any 127/8), ::1 and localhost.
bool IsLoopbackHost(std::string_view host);

}  // namespace srcbot::mail
