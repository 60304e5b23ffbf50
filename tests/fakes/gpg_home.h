#pragma once
// A throwaway GnuPG home for OpenPGP tests: a fresh directory with one new
// key pair (ed25519 + cv25519, no passphrase), and the gpg command line
// run against it, as a reporter's own mail program would. The agent it
// starts is stopped by the destructor.

#include <string>
#include <vector>

#include "tests/fakes/temp_dir.h"

namespace srcbot::testing {

class GpgHome {
 public:
  // `uid` like "Rita Reporter <rita@example.org>". Fails the test's REQUIRE
  // on its own use (fingerprint() empty) when gpg could not make the key.
  explicit GpgHome(const std::string& uid);
  ~GpgHome();
  GpgHome(const GpgHome&) = delete;
  GpgHome& operator=(const GpgHome&) = delete;

  const std::string& home() const { return home_; }
  const std::string& fingerprint() const { return fingerprint_; }

  // gpg --batch --homedir <home> <args>: its exit status; stdout in `out`.
  int Gpg(const std::vector<std::string>& args, std::string* out = nullptr) const;
  std::string ExportPublic(bool armor = true) const;
  bool Import(const std::string& key) const;
  // Encrypts `plain` to the key `recipient` (imported before), signed by this home's key.
  std::string EncryptTo(const std::string& recipient_fingerprint, const std::string& plain) const;
  // The plaintext, or "" when it does not decrypt.
  std::string Decrypt(const std::string& ciphertext) const;
  // True when `signature` (armored, detached) is good over `data` by a key here.
  bool Verify(const std::string& data, const std::string& signature) const;

 private:
  std::string Write(const std::string& name, const std::string& content) const;
  std::string Read(const std::string& name) const;

  TempDir dir_;
  std::string home_;
  std::string fingerprint_;
};

}  // namespace srcbot::testing
