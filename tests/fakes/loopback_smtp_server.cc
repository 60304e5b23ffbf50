#include "tests/fakes/loopback_smtp_server.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/str_cat.h"
#include "tests/fakes/free_port.h"

namespace srcbot::testing {

namespace fs = std::filesystem;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

LoopbackSmtpServer::~LoopbackSmtpServer() { Stop(); }

void LoopbackSmtpServer::Stop() { process_.Stop(); }

std::string LoopbackSmtpServer::url() const {
  return core::StrCat({tls_ ? "smtps" : "smtp", "://127.0.0.1:", std::to_string(port_)});
}

core::Status LoopbackSmtpServer::Start(const std::string& maildir, const std::string& owner) {
  port_ = FreeLoopbackPort();
  fs::create_directories(dir_.path() / "record");
  std::vector<std::string> argv = {
      "/usr/bin/python3", std::string(SRCBOT_SOURCE_DIR) + "/tests/fakes/smtp_server.py",
      "--port", std::to_string(port_), "--record", (dir_.path() / "record").string(),
      "--control", (dir_.path() / "control").string()};
  if (!maildir.empty()) {
    argv.insert(argv.end(), {"--maildir", maildir});
    if (!owner.empty()) argv.insert(argv.end(), {"--owner", owner});
  }
  if (tls_) argv.insert(argv.end(), {"--tls-cert", tls_->cert_file, "--tls-key", tls_->key_file});
  if (!process_.Start(argv, (dir_.path() / "server.log").string())) {
    return core::Status::Unavailable("smtp_server.py: could not start python3");
  }
  const bool up = tls_ ? WaitForListener(port_, std::chrono::seconds(10))
                       : WaitForGreeting(port_, "220", std::chrono::seconds(10));
  if (!up) {
    return core::Status::Unavailable(core::StrCat({"smtp_server.py did not come up: ", Log()}));
  }
  return core::Status::Ok();
}

void LoopbackSmtpServer::FailNext(Fault fault, int count) {
  const char* name = fault == Fault::kTempFail ? "tempfail" : fault == Fault::kReject ? "reject"
                                                                                       : "drop";
  fs::path tmp = dir_.path() / "control.tmp";
  {
    std::ofstream out(tmp);
    out << name << " " << count << "\n";
  }
  fs::rename(tmp, dir_.path() / "control");
}

std::vector<LoopbackSmtpServer::Received> LoopbackSmtpServer::Messages() const {
  std::vector<Received> out;
  for (int n = 1;; ++n) {
    fs::path eml = dir_.path() / "record" / core::StrCat({std::to_string(n), ".eml"});
    fs::path json = dir_.path() / "record" / core::StrCat({std::to_string(n), ".json"});
    if (!fs::exists(eml) || !fs::exists(json)) break;
    out.push_back({ReadFile(eml), ReadFile(json)});
  }
  return out;
}

}  // namespace srcbot::testing
