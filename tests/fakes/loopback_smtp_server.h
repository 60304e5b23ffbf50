#pragma once
// A real SMTP server on 127.0.0.1 for the mail tests: tests/fakes/smtp_server.py
// under Debian's python3-aiosmtpd, recording what it accepts and failing on
// request (4xx, 5xx, a dropped connection) for the next N messages. With a
// Maildir it also delivers there, so an outgoing mail can be read back over
// IMAP from a DovecotServer. With UseTls it speaks only SMTP over TLS
// (smtps://).

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "tests/fakes/process_group.h"
#include "tests/fakes/temp_dir.h"
#include "tests/fakes/test_certificate.h"

namespace srcbot::testing {

class LoopbackSmtpServer {
 public:
  struct Received {
    std::string raw;  // as the server received it (CRLF)
    std::string envelope_json;  // {"mail_from": …, "rcpt_tos": […]}
  };
  enum class Fault { kTempFail, kReject, kDrop };  // 451 at DATA, 550 at RCPT, cut at DATA

  LoopbackSmtpServer() = default;
  ~LoopbackSmtpServer();

  // Starts the server on a free port and waits (at most 10 s) for its 220.
  // `maildir` and `owner` ("uid:gid"): deliver accepted mail there too.
  core::Status Start(const std::string& maildir = "", const std::string& owner = "");
  void Stop();
  // Before Start: smtps:// only, presenting `certificate`.
  void UseTls(const TestCertificate& certificate) { tls_ = certificate; }

  int port() const { return port_; }
  std::string url() const;  // "smtp://127.0.0.1:<port>", or smtps:// with UseTls
  // The next `count` messages meet `fault`.
  void FailNext(Fault fault, int count);
  // What has been accepted so far, in order.
  std::vector<Received> Messages() const;
  std::string Log() const { return process_.Output(); }

 private:
  TempDir dir_;
  ProcessGroup process_;
  std::optional<TestCertificate> tls_;
  int port_ = 0;
};

}  // namespace srcbot::testing
