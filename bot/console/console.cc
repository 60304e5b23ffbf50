#include "bot/console/console.h"

#include "bot/console/console_workspace.h"

namespace srcbot::bot {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Accepts "bob", "@bob", "<@bob>" and "<@bob|Bob>".
std::string Name(std::string word, char sigil) {
  if (word.size() > 2 && word.front() == '<' && word.back() == '>') {
    word = word.substr(1, word.size() - 2);
    word = word.substr(0, word.find('|'));
  }
  if (!word.empty() && word.front() == sigil) word.erase(0, 1);
  return word;
}

constexpr const char* kConsoleHelp =
    "Console meta-commands:\n"
    "  :as <user>       type as another user (e.g. :as bob, :as eve)\n"
    "  :in <#channel>   type in #src, #general or #development\n"
    "  :mail-in <file>  a mail (.eml) arrives at the SRC's mailbox\n"
    "  :help            this text\n"
    "  :quit            leave\n"
    "Anything else is a /src command (the \"/src\" is optional): try `help`.";

}  // namespace

Console::Console(commands::CommandService& service, EmbargoGuard& guard, OutboxWorker& outbox,
                 core::UserId first_user)
    : service_(service),
      guard_(guard),
      outbox_(outbox),
      user_(std::move(first_user)),
      channel_(kConsoleSrcChannel) {}

bool Console::HandleMeta(const std::string& line, std::ostream& out) {
  std::string verb = line.substr(0, line.find(' '));
  std::string arg = Trim(line.size() > verb.size() ? line.substr(verb.size()) : "");
  if (verb == ":quit" || verb == ":q") return false;
  if (verb == ":help") {
    out << kConsoleHelp << "\n";
  } else if (verb == ":as") {
    std::string name = Name(arg, '@');
    if (name.empty() || name.find_first_of(" <>#|") != std::string::npos) {
      out << "console: :as needs a user name, like :as bob\n";
    } else {
      user_ = name;
      out << "console: you are now @" << user_ << "\n";
    }
  } else if (verb == ":in") {
    std::string name = Name(arg, '#');
    if (!ConsoleWorkspace::IsChannel(name)) {
      out << "console: no channel \"" << arg << "\" (try #src, #general or #development)\n";
    } else {
      channel_ = name;
      out << "console: you are now in #" << channel_ << "\n";
    }
  } else if (verb == ":mail-in") {
    if (arg.empty() || !mail_feed_) {
      out << "console: :mail-in needs a file, like :mail-in report.eml\n";
    } else {
      out << "console: " << mail_feed_(arg) << "\n";
      outbox_.Drain();
    }
  } else {
    out << "console: unknown meta-command " << verb << " (try :help)\n";
  }
  return true;
}

int Console::Run(std::istream& in, std::ostream& out, bool interactive) {
  if (interactive) {
    out << "srcbot console — a local Slack workspace. You are @" << user_ << " in #" << channel_
        << ". Type :help for meta-commands, `help` for /src verbs.\n";
  }
  std::string line;
  while (true) {
    if (interactive) out << "@" << user_ << " in #" << channel_ << "> " << std::flush;
    if (!std::getline(in, line)) break;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;  // blank lines and script comments
    if (line.front() == ':') {
      if (!HandleMeta(line, out)) break;
      continue;
    }
    if (line.rfind("/src", 0) == 0 && (line.size() == 4 || line[4] == ' ')) line = Trim(line.substr(4));
    commands::Invocation invocation{user_, channel_, line};
    commands::Reply reply = service_.Handle(invocation);
    guard_.Reply(invocation, reply);
    outbox_.Drain();
  }
  if (interactive) out << "\n";
  return 0;
}

}  // namespace srcbot::bot
