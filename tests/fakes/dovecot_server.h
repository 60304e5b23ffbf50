#pragma once
// A real Dovecot IMAP server (Debian's dovecot-imapd) on 127.0.0.1 for the
// mail tests: a throwaway configuration in a temp dir (no system config),
// plaintext login on loopback, one user from a passwd-file, its Maildir in
// the same temp dir. Stopped, with every process it forked, when destroyed.
//
// With UseTls, it speaks only IMAP over TLS (imaps://) with the test's
// certificate.
//
// Run as root (CI), Dovecot's login processes need an unprivileged user
// (dovenull) and it refuses uid 0 for mail: the Maildir then belongs to
// "nobody". Run as anyone else, everything is that user.

#include <optional>
#include <string>

#include "core/result.h"
#include "tests/fakes/process_group.h"
#include "tests/fakes/temp_dir.h"
#include "tests/fakes/test_certificate.h"

namespace srcbot::testing {

class DovecotServer {
 public:
  static constexpr const char* kUser = "srcbot";
  static constexpr const char* kPassword = "imap-test-password";

  DovecotServer() = default;
  ~DovecotServer();

  // Writes the configuration, starts `dovecot -F -c <conf>` on a free port
  // and waits (at most 10 s) for its greeting. kUnavailable with Dovecot's
  // log when it does not come up. Started again after Stop, it keeps its
  // port and its mail (a server coming back).
  core::Status Start();
  // Before Start: serve imaps:// only, presenting `certificate`.
  void UseTls(const TestCertificate& certificate) { tls_ = certificate; }
  void Stop();

  int port() const { return port_; }
  std::string url() const;  // "imap://127.0.0.1:<port>", or imaps:// with UseTls
  // The Maildir of `folder` ("" = INBOX; "srcbot/processed" → .srcbot.processed).
  std::string Maildir(const std::string& folder = "") const;
  // Puts `raw` into `folder`'s new/ as an MTA would (tmp/, then renamed),
  // owned by the mail user; Dovecot assigns it a UID when it next looks.
  void Deliver(const std::string& raw, const std::string& folder = "") const;
  // Number of files in `folder`'s new/ and cur/.
  int CountMessages(const std::string& folder = "") const;
  // Mail user, for files other servers deliver (smtp_server.py --owner).
  std::string owner() const;
  std::string Log() const;

 private:
  TempDir dir_;
  ProcessGroup process_;
  std::optional<TestCertificate> tls_;
  int port_ = 0;
  unsigned mail_uid_ = 0;
  unsigned mail_gid_ = 0;
};

}  // namespace srcbot::testing
