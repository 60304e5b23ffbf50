#pragma once
// The console's simulated Slack workspace (SPEC §6): a private #src holding the
// SRC members, public #general and #development, and whoever else is named.
// Its channels carry the same privacy facts Slack would report, so the embargo
// guard judges console messages exactly as it judges Slack ones.

#include <ostream>
#include <string>

#include "bot/egress/message_sink.h"
#include "core/case_store.h"

namespace srcbot::bot {

inline constexpr const char* kConsoleSrcChannel = "src";
inline constexpr const char* kConsoleGeneral = "general";
inline constexpr const char* kConsoleDevelopment = "development";
// Someone in the workspace who is not on the SRC, for trying the embargo.
inline constexpr const char* kConsoleOutsider = "eve";

// Channel facts: #src is private with the current roster as members; #general
// and #development are public. Unknown channels are unavailable.
class ConsoleWorkspace : public ChannelDirectory {
 public:
  explicit ConsoleWorkspace(core::CaseStore& store) : store_(store) {}
  core::Result<core::Destination> Describe(const std::string& channel) override;
  static bool IsChannel(const std::string& channel);

 private:
  core::CaseStore& store_;
};

// Prints what the bot sends: "[#channel] text", "[#channel → @user, only you] text",
// "[DM @user] text", "[#channel, edited] text". Slack mention escapes are shown
// as plain @names and #names.
class ConsoleSink : public MessageSink {
 public:
  ConsoleSink(const EgressKey& key, std::ostream& out) : MessageSink(key), out_(out) {}
  core::Status Post(const std::string& channel, const std::string& text) override;
  core::Status PostEphemeral(const std::string& channel, const core::UserId& user,
                             const std::string& text) override;
  core::Status PostDirect(const core::UserId& user, const std::string& text) override;
  core::Status UpdatePublic(const std::string& channel, const std::string& ref,
                            const std::string& text) override;

 private:
  std::ostream& out_;
};

}  // namespace srcbot::bot
