#pragma once
// The SRC's OpenPGP keyring (SPEC §7, "OpenPGP"): a GnuPG home holding the
// SRC's secret key, and the reporters' public keys srcbot was given. All
// cryptography is GnuPG's, through GPGME; nothing here parses OpenPGP.
//
// Every call makes its own GPGME context bound to this home (never the
// user's ~/.gnupg), in loopback pinentry mode with no passphrase (the key
// of an unattended service is protected by the file system, docs/mail.md),
// and offline (no key server is ever asked). Thread-safe.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace srcbot::mail {

struct Decrypted {
  std::string plaintext;
  // The fingerprint of a good signature inside, or "" when unsigned or
  // the signature could not be checked.
  std::string signed_by;
};

class GpgKeyring {
 public:
  // Opens `home`; kInvalidArgument when it holds no usable secret key (or
  // more than one: which would sign is then a guess).
  static core::Result<std::unique_ptr<GpgKeyring>> Open(const std::string& home);

  // The SRC key: its fingerprint and the e-mail address of its first user id.
  const std::string& fingerprint() const { return fingerprint_; }
  const std::string& address() const { return address_; }

  // Decrypts an OpenPGP message (armored or binary) to the SRC key,
  // checking a signature inside when the signer's key is here.
  // kInvalidArgument when it is not for us or does not decrypt; the message
  // never repeats the content.
  core::Result<Decrypted> Decrypt(std::string_view ciphertext) const;
  // Encrypts to `recipients` (fingerprints) and to the SRC key itself (so the
  // sent copy stays readable), signed by the SRC key; ASCII-armored.
  core::Result<std::string> EncryptSigned(std::string_view plaintext,
                                          const std::vector<std::string>& recipients) const;
  // A detached, ASCII-armored signature of `data` by the SRC key, and the
  // hash it used as RFC 3156 names it ("pgp-sha256").
  struct Signature {
    std::string armored;
    std::string micalg;
  };
  core::Result<Signature> SignDetached(std::string_view data) const;

  // Imports public key material (armored or binary) offered by `address`:
  // only a key with a user id naming that address (case-insensitive) is
  // kept, so nobody can plant a key for someone else. Returns its fingerprint.
  core::Result<std::string> ImportFor(std::string_view key_data, const std::string& address) const;
  // The armored public SRC key, to answer a key request.
  core::Result<std::string> ExportPublic() const;
  // The fingerprint of a key here (not the SRC's) that can encrypt and has a
  // user id naming `address`; "" when there is none. Only keys that came
  // from that address's own mail are here (ImportFor).
  std::string KeyFor(const std::string& address) const;
  // True when `fingerprint` is a key here that can encrypt (not revoked,
  // expired, disabled or invalid).
  bool CanEncryptTo(const std::string& fingerprint) const;

 private:
  GpgKeyring(std::string home, std::string fingerprint, std::string address)
      : home_(std::move(home)), fingerprint_(std::move(fingerprint)), address_(std::move(address)) {}

  std::string home_;
  std::string fingerprint_;
  std::string address_;
};

}  // namespace srcbot::mail
