#include "tests/fakes/dovecot_server.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/str_cat.h"
#include "tests/fakes/free_port.h"

namespace srcbot::testing {

namespace fs = std::filesystem;

namespace {

std::string UserName(uid_t uid) {
  passwd* pw = getpwuid(uid);
  return pw ? pw->pw_name : std::to_string(uid);
}

std::string GroupName(gid_t gid) {
  group* gr = getgrgid(gid);
  return gr ? gr->gr_name : std::to_string(gid);
}

void Chown(const fs::path& p, unsigned uid, unsigned gid) {
  if (geteuid() == 0) (void)!chown(p.c_str(), uid, gid);
}

void MakeMaildir(const fs::path& root, unsigned uid, unsigned gid) {
  for (const char* sub : {"", "new", "cur", "tmp"}) {
    fs::create_directories(root / sub);
    Chown(root / sub, uid, gid);
  }
}

}  // namespace

DovecotServer::~DovecotServer() { Stop(); }

void DovecotServer::Stop() { process_.Stop(); }

std::string DovecotServer::url() const {
  return core::StrCat({tls_ ? "imaps" : "imap", "://127.0.0.1:", std::to_string(port_)});
}

std::string DovecotServer::owner() const {
  return core::StrCat({std::to_string(mail_uid_), ":", std::to_string(mail_gid_)});
}

std::string DovecotServer::Maildir(const std::string& folder) const {
  fs::path root = dir_.path() / "mail" / kUser;
  if (folder.empty() || folder == "INBOX") return root.string();
  std::string name = core::StrCat({".", folder});  // Maildir++: ".srcbot.processed"
  for (char& c : name) {
    if (c == '/') c = '.';
  }
  return (root / name).string();
}

void DovecotServer::Deliver(const std::string& raw, const std::string& folder) const {
  static std::atomic<int> counter{0};
  fs::path root = Maildir(folder);
  MakeMaildir(root, mail_uid_, mail_gid_);
  std::string name =
      core::StrCat({std::to_string(::getpid()), "_", std::to_string(++counter), ".test"});
  fs::path tmp = root / "tmp" / name;
  {
    std::ofstream out(tmp, std::ios::binary);
    out << raw;
  }
  Chown(tmp, mail_uid_, mail_gid_);
  fs::rename(tmp, root / "new" / name);
}

int DovecotServer::CountMessages(const std::string& folder) const {
  int n = 0;
  for (const char* sub : {"new", "cur"}) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(fs::path(Maildir(folder)) / sub, ec);
         !ec && it != fs::directory_iterator(); ++it) {
      ++n;
    }
  }
  return n;
}

std::string DovecotServer::Log() const {
  std::ifstream in(dir_.path() / "dovecot.log");
  std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return log + process_.Output();
}

core::Status DovecotServer::Start() {
  bool root = geteuid() == 0;
  std::string internal_user = UserName(geteuid()), login_user = internal_user;
  std::string internal_group = GroupName(getegid());
  mail_uid_ = geteuid();
  mail_gid_ = getegid();
  if (root) {
    // Dovecot's own users (made by dovecot-core's install); mail as nobody.
    passwd* nobody = getpwnam("nobody");
    if (!nobody || !getpwnam("dovecot") || !getpwnam("dovenull")) {
      return core::Status::Unavailable("dovecot: users nobody, dovecot, dovenull needed");
    }
    mail_uid_ = nobody->pw_uid;
    mail_gid_ = nobody->pw_gid;
    internal_user = "dovecot";
    internal_group = "dovecot";
    login_user = "dovenull";
  }
  if (port_ == 0) port_ = FreeLoopbackPort();  // a restart keeps its port
  const fs::path& d = dir_.path();
  fs::create_directories(d / "run");
  fs::create_directories(d / "state");
  fs::create_directories(d / "mail");
  Chown(d / "mail", mail_uid_, mail_gid_);
  MakeMaildir(Maildir(), mail_uid_, mail_gid_);
  {
    std::ofstream passwd(d / "passwd");
    passwd << kUser << ":{PLAIN}" << kPassword << "\n";
  }
  std::ofstream conf(d / "dovecot.conf");
  conf << "base_dir = " << (d / "run").string() << "\n"
       << "state_dir = " << (d / "state").string() << "\n"
       << "instance_name = srcbot-test-" << port_ << "\n"
       << "log_path = " << (d / "dovecot.log").string() << "\n"
       << "protocols = imap\n"
       << "listen = 127.0.0.1\n"
       << (tls_ ? core::StrCat({"ssl = required\nssl_cert = <", tls_->cert_file, "\nssl_key = <",
                                tls_->key_file, "\n"})
                : std::string("ssl = no\n"))
       // Loopback only, and a throwaway password: plaintext login is fine here.
       << "disable_plaintext_auth = no\n"
       << "auth_mechanisms = plain login\n"
       << "default_internal_user = " << internal_user << "\n"
       << "default_internal_group = " << internal_group << "\n"
       << "default_login_user = " << login_user << "\n"
       << "first_valid_uid = 1\n"
       << "mail_fsync = never\n"
       << "mail_location = maildir:" << (d / "mail" / "%u").string()
       << "\n"
       // '/' between levels, as srcbot's folder names have it.
       << "namespace inbox {\n  inbox = yes\n  separator = /\n}\n"
       << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u "
       << (d / "passwd").string() << "\n}\n"
       << "userdb {\n  driver = static\n  args = uid=" << mail_uid_ << " gid=" << mail_gid_
       << " home=" << (d / "mail" / "%u").string() << "\n}\n"
       << "service imap-login {\n  chroot =\n"
       << "  inet_listener imap {\n    address = 127.0.0.1\n    port = " << (tls_ ? 0 : port_)
       << "\n  }\n"
       << "  inet_listener imaps {\n    address = 127.0.0.1\n    port = " << (tls_ ? port_ : 0)
       << "\n  }\n}\n";
  conf.close();
  if (!process_.Start({"/usr/sbin/dovecot", "-F", "-c", (d / "dovecot.conf").string()},
                      (d / "master.out").string())) {
    return core::Status::Unavailable("dovecot: could not start /usr/sbin/dovecot");
  }
  const bool up = tls_ ? WaitForListener(port_, std::chrono::seconds(10))
                       : WaitForGreeting(port_, "* OK", std::chrono::seconds(10));
  if (!up) {
    return core::Status::Unavailable(core::StrCat({"dovecot did not come up: ", Log()}));
  }
  return core::Status::Ok();
}

}  // namespace srcbot::testing
