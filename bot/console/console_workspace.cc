#include "bot/console/console_workspace.h"

#include "core/markup.h"

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

core::Status ConsoleSink::Post(const std::string& channel, const std::string& text) {
  out_ << "[#" << channel << "] " << core::PlainText(text) << "\n" << std::flush;
  return core::Status::Ok();
}

core::Status ConsoleSink::UpdatePublic(const std::string& channel, const std::string&,
                                       const std::string& text) {
  out_ << "[#" << channel << ", edited] " << core::PlainText(text) << "\n" << std::flush;
  return core::Status::Ok();
}

core::Status ConsoleSink::PostEphemeral(const std::string& channel, const core::UserId& user,
                                        const std::string& text) {
  out_ << "[#" << channel << " → @" << user << ", only you] " << core::PlainText(text) << "\n"
       << std::flush;
  return core::Status::Ok();
}

core::Status ConsoleSink::PostDirect(const core::UserId& user, const std::string& text) {
  out_ << "[DM @" << user << "] " << core::PlainText(text) << "\n" << std::flush;
  return core::Status::Ok();
}

}  // namespace srcbot::bot
