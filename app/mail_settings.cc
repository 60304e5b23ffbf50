#include "app/mail_settings.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace srcbot::app {
namespace {

core::Status Refuse(const std::string& line) { return core::Status::Invalid(line); }

core::Result<std::string> ReadPassword(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Refuse("--mail-password-file: cannot read " + path + ": " + std::strerror(errno));
  }
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return Refuse("--mail-password-file: " + path + " holds no password");
  return line;
}

// Read here so a wrong path is one clear line at start-up, not a TLS error
// at every poll.
core::Status CheckCaFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Refuse("--mail-ca-file: cannot read " + path + ": " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return Refuse("--mail-ca-file: " + path + " holds no PEM certificate");
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<std::optional<MailSettings>> CheckMailSettings(const config::Config& cfg) {
  const bool lists = !cfg.announce_list.empty() || !cfg.retro_list.empty();
  if (cfg.mail_imap_url.empty() && cfg.mail_smtp_url.empty()) {
    if (lists) return Refuse("--announce-list and --retro-list need --mail-smtp-url");
    if (!cfg.mail_ca_file.empty()) {
      return Refuse("--mail-ca-file needs --mail-imap-url or --mail-smtp-url");
    }
    return std::optional<MailSettings>();
  }
  MailSettings s;
  s.imap_url = cfg.mail_imap_url;
  s.smtp_url = cfg.mail_smtp_url;
  s.user = cfg.mail_user;
  if (!cfg.mail_imap_url.empty()) {
    auto url = mail::ParseMailUrl(cfg.mail_imap_url, mail::MailProtocol::kImap);
    if (!url.ok()) return Refuse("--mail-imap-url: " + url.status().message());
    s.imap = url.value();
    s.folder = url.value().folder.empty() ? "INBOX" : url.value().folder;
    if (cfg.mail_user.empty()) return Refuse("--mail-imap-url needs --mail-user");
    if (cfg.mail_password_file.empty()) {
      return Refuse("--mail-imap-url needs --mail-password-file (the mailbox password)");
    }
  }
  if (!cfg.mail_smtp_url.empty()) {
    auto url = mail::ParseMailUrl(cfg.mail_smtp_url, mail::MailProtocol::kSmtp);
    if (!url.ok()) return Refuse("--mail-smtp-url: " + url.status().message());
    s.smtp = url.value();
    if (cfg.mail_from.empty()) {
      return Refuse(
          "--mail-smtp-url needs --mail-from (the SRC's address, the From of every mail)");
    }
  } else if (lists) {
    return Refuse("--announce-list and --retro-list need --mail-smtp-url");
  }
  if (!cfg.announce_archive_url.empty() && cfg.announce_list.empty()) {
    return Refuse("--announce-archive-url needs --announce-list");
  }
  if (!cfg.mail_ca_file.empty()) {
    if (core::Status ca = CheckCaFile(cfg.mail_ca_file); !ca.ok()) return ca;
  }
  s.ca_file = cfg.mail_ca_file;
  if (!cfg.mail_password_file.empty()) {
    auto password = ReadPassword(cfg.mail_password_file);
    if (!password.ok()) return password.status();
    s.password = std::move(password).value();
  }
  return std::optional<MailSettings>(std::move(s));
}

}  // namespace srcbot::app
