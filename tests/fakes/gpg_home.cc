#include "tests/fakes/gpg_home.h"

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>

#include "tests/fakes/child_process.h"

namespace srcbot::testing {

namespace {

int RunTo(const std::vector<std::string>& argv, const std::string& home, const std::string& log) {
  ChildProcess child;
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "GNUPGHOME=" + home, "LC_ALL=C"};
  if (!child.Start(argv, env, log)) return -1;
  return child.Wait(std::chrono::seconds(60));
}

}  // namespace

GpgHome::GpgHome(const std::string& uid) : home_(dir_.File("gnupg")) {
  ::mkdir(home_.c_str(), 0700);
  if (Gpg({"--passphrase", "", "--quick-gen-key", uid, "future-default", "default", "never"}) !=
      0) {
    return;
  }
  std::string listing;
  Gpg({"--with-colons", "--list-secret-keys"}, &listing);
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("fpr:", 0) == 0) {
      // fpr:::::::::<FINGERPRINT>:
      std::size_t end = line.rfind(':', line.size() - 2);
      fingerprint_ = line.substr(end + 1, line.size() - end - 2);
      break;
    }
  }
}

GpgHome::~GpgHome() {
  RunTo({"/usr/bin/gpgconf", "--homedir", home_, "--kill", "all"}, home_, dir_.File("kill.log"));
}

int GpgHome::Gpg(const std::vector<std::string>& args, std::string* out) const {
  static std::atomic<int> counter{0};
  const std::string log = dir_.File("gpg-" + std::to_string(++counter) + ".out");
  std::vector<std::string> argv = {"/usr/bin/gpg", "--batch", "--yes", "--homedir", home_,
                                   "--pinentry-mode", "loopback", "--trust-model", "always"};
  argv.insert(argv.end(), args.begin(), args.end());
  int status = RunTo(argv, home_, log);
  if (out) *out = Read(log);
  return status;
}

std::string GpgHome::Write(const std::string& name, const std::string& content) const {
  std::string path = dir_.File(name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::string GpgHome::Read(const std::string& name_or_path) const {
  std::ifstream in(name_or_path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string GpgHome::ExportPublic(bool armor) const {
  const std::string out = dir_.File("public.key");
  std::vector<std::string> args = {"--output", out, "--export", fingerprint_};
  if (armor) args.insert(args.begin(), "--armor");
  Gpg(args);
  return Read(out);
}

bool GpgHome::Import(const std::string& key) const {
  return Gpg({"--import", Write("import.key", key)}) == 0;
}

std::string GpgHome::EncryptTo(const std::string& recipient, const std::string& plain) const {
  const std::string out = dir_.File("cipher.asc");
  Gpg({"--armor", "--output", out, "--local-user", fingerprint_, "--recipient", recipient,
       "--sign", "--encrypt", Write("plain.txt", plain)});
  return Read(out);
}

std::string GpgHome::Decrypt(const std::string& ciphertext) const {
  const std::string out = dir_.File("decrypted.txt");
  std::remove(out.c_str());
  if (Gpg({"--output", out, "--decrypt", Write("cipher-in.asc", ciphertext)}) != 0) return "";
  return Read(out);
}

bool GpgHome::Verify(const std::string& data, const std::string& signature) const {
  return Gpg({"--verify", Write("sig.asc", signature), Write("signed.dat", data)}) == 0;
}

}  // namespace srcbot::testing
