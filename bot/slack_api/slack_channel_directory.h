#pragma once
// SlackChannelDirectory: the ChannelDirectory the embargo guard asks in Slack
// mode. A destination's facts are conversations.info (privacy and Slack
// Connect flags) plus every page of conversations.members, with the bot's own
// user id left out. A DM (is_im) has the one person in it as its member.
//
// Facts are cached per channel for at most `ttl` (60 s by default) and
// dropped at once by Invalidate (member_joined_channel and friends). Only
// successes are cached; any API error is kUnavailable, so the guard holds the
// message (fails closed) and the outbox tries again later.
// Thread-safe; the lock is not held during Slack calls.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "bot/egress/message_sink.h"
#include "bot/slack_api/slack_api.h"
#include "core/time.h"

namespace srcbot::bot {

class SlackChannelDirectory : public ChannelDirectory {
 public:
  SlackChannelDirectory(SlackApi& api, std::string bot_user_id, const core::Clock& clock,
                        core::Duration ttl = std::chrono::seconds(60));

  core::Result<core::Destination> Describe(const std::string& channel) override;
  void Invalidate(const std::string& channel) override;

 private:
  struct Entry {
    core::Destination destination;
    core::TimePoint fetched_at;
  };
  core::Result<core::Destination> Fetch(const std::string& channel);

  SlackApi& api_;
  const std::string bot_user_id_;
  const core::Clock& clock_;
  const core::Duration ttl_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;
  // Bumped by Invalidate: a fetch that started before it must not be cached.
  std::uint64_t generation_ = 0;
};

}  // namespace srcbot::bot
