#include "integrations/mail/smtp_sender.h"

#include <algorithm>
#include <cstring>

#include "core/mail_headers.h"
#include "core/str_cat.h"

namespace srcbot::mail {

namespace {

struct Source {
  std::string_view data;
  std::size_t at = 0;
};

size_t Read(char* buffer, size_t size, size_t count, void* user) {
  auto* source = static_cast<Source*>(user);
  std::size_t n = std::min(size * count, source->data.size() - source->at);
  std::memcpy(buffer, source->data.data() + source->at, n);
  source->at += n;
  return n;
}

SendOutcome Outcome(SendOutcome::Kind kind, int code, std::string detail) {
  SendOutcome o;
  o.kind = kind;
  o.smtp_code = code;
  o.detail = std::move(detail);
  return o;
}


}  // namespace

SendOutcome ClassifySmtp(CURLcode code, int smtp_code, const char* error) {
  std::string detail = code == CURLE_OK ? std::string("sent") : curl_easy_strerror(code);
  if (code != CURLE_OK && error && error[0] != '\0') {
    detail = core::StrCat({detail, " (", error, ")"});
  }
  if (code == CURLE_OK) return Outcome(SendOutcome::Kind::kSent, smtp_code, detail);
  // The server's own word decides when it gave one: libcurl reports a
  // refused MAIL FROM or RCPT TO as a send error too.
  if (smtp_code >= 400 && smtp_code < 500) {
    return Outcome(SendOutcome::Kind::kTemporary, smtp_code, detail);
  }
  if (smtp_code >= 500 && smtp_code < 600) {
    return Outcome(SendOutcome::Kind::kPermanent, smtp_code, detail);
  }
  // No refusal from the server: it could not be reached, or went away.
  if (IsConnectionFailure(code)) return Outcome(SendOutcome::Kind::kTemporary, smtp_code, detail);
  // A refused login, a certificate that does not verify, no STARTTLS: a
  // person must fix the configuration; retrying would not.
  return Outcome(SendOutcome::Kind::kPermanent, smtp_code, detail);
}

core::Result<std::unique_ptr<SmtpSender>> SmtpSender::Open(SmtpOptions options) {
  auto url = ParseMailUrl(options.url, MailProtocol::kSmtp);
  if (!url.ok()) return url.status();
  if (!options.helo_domain.empty() && !core::IsValidMailAddress(core::StrCat({"x@", options.helo_domain}))) {
    return core::Status::Invalid("SMTP: the EHLO domain is not a plain domain");
  }
  InitCurl();
  return std::unique_ptr<SmtpSender>(new SmtpSender(std::move(options), url.value()));
}

SmtpSender::SmtpSender(SmtpOptions options, MailServerUrl url)
    : options_(std::move(options)), url_(std::move(url)), curl_(curl_easy_init()) {
  error_[0] = '\0';
}

SendOutcome SmtpSender::Send(const std::string& envelope_from,
                             const std::vector<std::string>& recipients,
                             std::string_view message) {
  // Addresses go into SMTP commands: a CR/LF here would be command injection.
  if (!core::IsValidMailAddress(envelope_from)) {
    return Outcome(SendOutcome::Kind::kPermanent, 0, "envelope sender is not a plain address");
  }
  if (recipients.empty()) return Outcome(SendOutcome::Kind::kPermanent, 0, "no recipient");
  CurlList rcpt;
  for (const std::string& r : recipients) {
    if (!core::IsValidMailAddress(r)) {
      return Outcome(SendOutcome::Kind::kPermanent, 0, "a recipient is not a plain address");
    }
    std::string bracketed = core::StrCat({"<", r, ">"});
    curl_slist* grown = curl_slist_append(rcpt.get(), bracketed.c_str());
    if (!grown) return Outcome(SendOutcome::Kind::kTemporary, 0, "out of memory");
    (void)rcpt.release();
    rcpt.reset(grown);
  }
  if (!curl_) return Outcome(SendOutcome::Kind::kTemporary, 0, "libcurl could not make a handle");
  CURL* h = curl_.get();
  SetCommonOptions(h, url_, options_.connection, "smtps,smtp", error_);
  std::string url = options_.helo_domain.empty()
                        ? url_.server
                        : core::StrCat({url_.server, "/", options_.helo_domain});
  std::string from = core::StrCat({"<", envelope_from, ">"});
  Source source{message, 0};
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, Read);
  curl_easy_setopt(h, CURLOPT_READDATA, &source);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  CURLcode code = curl_easy_perform(h);
  long smtp_code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &smtp_code);
  // The list dies with this call; libcurl must not keep a pointer to it.
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, nullptr);
  return ClassifySmtp(code, static_cast<int>(smtp_code), error_);
}

}  // namespace srcbot::mail
