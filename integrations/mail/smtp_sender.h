#pragma once
// SmtpSender: MailSender over SMTP submission through libcurl. smtps:// is
// TLS from the start (port 465); smtp:// must upgrade with STARTTLS
// (port 587) unless the server is on loopback (mail_url.h). AUTH when a
// user is set. Connect and transfer times are bounded (ConnectionOptions).
// The connection is kept for the next message when the server allows it.
//
// Thread-compatible: one thread at a time (the outbox worker owns it).

#include <memory>

#include "integrations/mail/curl_support.h"
#include "integrations/mail/mail_sender.h"
#include "integrations/mail/mail_url.h"

namespace srcbot::mail {

struct SmtpOptions {
  std::string url;  // smtps://host:465, smtp://host:587
  // The name srcbot gives in EHLO (the From address's domain is a good one);
  // empty: libcurl's default.
  std::string helo_domain;
  ConnectionOptions connection{.user = {}, .password = {}, .ca_file = {},
                               .connect_timeout = std::chrono::milliseconds(10'000),
                               .timeout = std::chrono::milliseconds(60'000)};
};

class SmtpSender : public MailSender {
 public:
  // kInvalidArgument for a URL ParseMailUrl refuses. Does not connect.
  static core::Result<std::unique_ptr<SmtpSender>> Open(SmtpOptions options);

  SendOutcome Send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                   std::string_view message) override;

 private:
  SmtpSender(SmtpOptions options, MailServerUrl url);

  SmtpOptions options_;
  MailServerUrl url_;
  CurlEasy curl_;
  char error_[CURL_ERROR_SIZE];
};

// The outcome of a transfer that ended with `code` after the server's last
// reply `smtp_code` (0 if none). Exposed for its unit test.
SendOutcome ClassifySmtp(CURLcode code, int smtp_code, const char* error);

}  // namespace srcbot::mail
