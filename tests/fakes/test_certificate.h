#pragma once
// A throwaway certificate for the mail tests over TLS: made by Debian's
// openssl in the caller's directory, self-signed, for 127.0.0.1 and
// localhost, valid for two days. Dovecot and the SMTP server present it;
// srcbot trusts it only when told to (--mail-ca-file), as an operator with a
// private CA would do.

#include <string>

#include "core/result.h"

namespace srcbot::testing {

struct TestCertificate {
  std::string cert_file;  // PEM; it is also the CA file a client trusts
  std::string key_file;   // PEM, unencrypted
};

// kUnavailable with openssl's output when it fails.
core::Result<TestCertificate> MakeLoopbackCertificate(const std::string& dir);

}  // namespace srcbot::testing
