#pragma once
// srcbot's mail options for a scenario: `imap`'s INBOX watched every
// `poll_seconds`, its password in a file of its own (kept while this lives,
// so for as long as the bot runs), and with `smtp` the submission server and
// the SRC's address security@src.example. Add more with args.push_back.
#include <fstream>
#include <string>
#include <vector>

#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::testing {

class MailOptions {
 public:
  explicit MailOptions(const DovecotServer& imap, const LoopbackSmtpServer* smtp = nullptr,
                       const std::string& poll_seconds = "0.5") {
    std::ofstream(dir_.File("password")) << DovecotServer::kPassword << "\n";
    args = {
        "--mail-imap-url",      imap.url() + "/INBOX", "--mail-user",         DovecotServer::kUser,
        "--mail-password-file", dir_.File("password"), "--mail-poll-seconds", poll_seconds};
    if (smtp != nullptr) {
      args.insert(args.end(),
                  {"--mail-smtp-url", smtp->url(), "--mail-from", "security@src.example"});
    }
  }

  std::vector<std::string> args;

 private:
  TempDir dir_;
};

}  // namespace srcbot::testing
