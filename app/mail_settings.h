#pragma once
// The mail options (docs/mail.md) checked together at start-up, before
// anything runs: each server URL as integrations/mail/mail_url accepts it,
// the password file read, and the options that need each other present.
// A refusal is a usage error (exit 2) with one clear line; it never quotes
// the password.

#include <optional>
#include <string>

#include "config/options.h"
#include "core/result.h"
#include "integrations/mail/mail_url.h"

namespace srcbot::app {

struct MailSettings {
  std::optional<mail::MailServerUrl> imap;  // intake on
  std::optional<mail::MailServerUrl> smtp;  // outgoing mail on
  std::string imap_url;                     // as configured
  std::string smtp_url;
  std::string folder;  // the watched folder (the IMAP URL's path; INBOX when it has none)
  std::string user;
  std::string password;  // from --mail-password-file; empty without one
  std::string ca_file;   // --mail-ca-file; empty: the system's CAs
};

// nullopt when mail is off (neither URL set). kInvalidArgument otherwise for:
// a URL mail_url refuses; --mail-imap-url without --mail-user or
// --mail-password-file; a password file that cannot be read or is empty;
// --mail-smtp-url without --mail-from; a list without --mail-smtp-url;
// --announce-archive-url without --announce-list; a --mail-ca-file that
// cannot be read or holds no PEM certificate, or is given with mail off.
core::Result<std::optional<MailSettings>> CheckMailSettings(const config::Config& cfg);

}  // namespace srcbot::app
