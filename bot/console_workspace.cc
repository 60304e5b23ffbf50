#include "bot/console_workspace.h"

namespace srcbot::bot {

bool ConsoleWorkspace::IsChannel(const std::string& channel) {
  return channel == kConsoleSrcChannel || channel == kConsoleGeneral ||
         channel == kConsoleDevelopment;
}

core::Result<core::Destination> ConsoleWorkspace::Describe(const std::string& channel) {
  if (!IsChannel(channel)) return core::Status::Unavailable("no channel #" + channel);
  core::Destination d;
  d.id = channel;
  auto members = store_.Members();
  if (!members.ok()) return members.status();
  for (const core::Member& m : members.value()) d.members.push_back(m.user);
  if (channel == kConsoleSrcChannel) {
    d.is_private = true;
  } else {
    // Everyone is in the public channels, the outsider included.
    d.members.push_back(kConsoleOutsider);
  }
  return d;
}

std::string PlainText(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t close = s[i] == '<' ? s.find('>', i) : std::string::npos;
    if (close == std::string::npos) {
      out += s[i++];
      continue;
    }
    std::string inner = s.substr(i + 1, close - i - 1);
    size_t bar = inner.find('|');
    std::string target = inner.substr(0, bar);
    std::string label = bar == std::string::npos ? "" : inner.substr(bar + 1);
    if (!target.empty() && (target[0] == '@' || target[0] == '#')) {
      out += target[0] + (label.empty() ? target.substr(1) : label);
    } else {
      out += label.empty() ? target : label + " (" + target + ")";
    }
    i = close + 1;
  }
  return out;
}

core::Status ConsoleSink::Post(const std::string& channel, const std::string& text) {
  out_ << "[#" << channel << "] " << PlainText(text) << "\n" << std::flush;
  return core::Status::Ok();
}

core::Status ConsoleSink::PostEphemeral(const std::string& channel, const core::UserId& user,
                                        const std::string& text) {
  out_ << "[#" << channel << " → @" << user << ", only you] " << PlainText(text) << "\n"
       << std::flush;
  return core::Status::Ok();
}

core::Status ConsoleSink::PostDirect(const core::UserId& user, const std::string& text) {
  out_ << "[DM @" << user << "] " << PlainText(text) << "\n" << std::flush;
  return core::Status::Ok();
}

}  // namespace srcbot::bot
