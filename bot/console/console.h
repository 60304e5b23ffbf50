#pragma once
// `srcbot console`: lines typed as a chosen user in a chosen channel go through
// the same handlers, store, outbox and embargo guard as Slack commands.
// Meta-commands: `:as <user>`, `:in <#channel>`, `:mail-in <file.eml>`,
// `:help`, `:quit`. A line may
// start with "/src " or not. With `interactive` false (standard input is not a
// terminal) no prompt is printed and the session ends at end of input.

#include <functional>
#include <istream>
#include <ostream>
#include <string>

#include "bot/egress/embargo_guard.h"
#include "bot/egress/outbox_worker.h"
#include "commands/command_service.h"

namespace srcbot::bot {

class Console {
 public:
  Console(commands::CommandService& service, EmbargoGuard& guard, OutboxWorker& outbox,
          core::UserId first_user);

  // `:mail-in <file>` hands the file's path to `feed` (the mail intake, wired
  // by app/main.cc) and prints the line it returns; its posts show at once.
  using MailFeed = std::function<std::string(const std::string& path)>;
  void SetMailFeed(MailFeed feed) { mail_feed_ = std::move(feed); }

  // Runs until `:quit` or end of input. Returns the process exit status.
  int Run(std::istream& in, std::ostream& out, bool interactive);

 private:
  // Returns false when the session should end.
  bool HandleMeta(const std::string& line, std::ostream& out);

  commands::CommandService& service_;
  EmbargoGuard& guard_;
  OutboxWorker& outbox_;
  core::UserId user_;
  std::string channel_;
  MailFeed mail_feed_;
};

}  // namespace srcbot::bot
