#include "bot/slack_api/slack_channel_directory.h"

#include <algorithm>

namespace srcbot::bot {

SlackChannelDirectory::SlackChannelDirectory(SlackApi& api, std::string bot_user_id,
                                             const core::Clock& clock, core::Duration ttl)
    : api_(api), bot_user_id_(std::move(bot_user_id)), clock_(clock), ttl_(ttl) {}

core::Result<core::Destination> SlackChannelDirectory::Describe(const std::string& channel) {
  std::uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(channel);
    core::TimePoint now = clock_.Now();
    // A clock that stepped back also makes the entry stale.
    if (it != cache_.end() && now >= it->second.fetched_at && now - it->second.fetched_at < ttl_) {
      return it->second.destination;
    }
    if (it != cache_.end()) cache_.erase(it);
    generation = generation_;
  }
  core::TimePoint started = clock_.Now();
  auto fetched = Fetch(channel);
  if (!fetched.ok()) {
    return core::Status::Unavailable("facts about " + channel +
                                     " unavailable: " + fetched.status().message());
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation == generation_) cache_[channel] = Entry{fetched.value(), started};
  return fetched;
}

void SlackChannelDirectory::Invalidate(const std::string& channel) {
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.erase(channel);
  ++generation_;
}

core::Result<core::Destination> SlackChannelDirectory::Fetch(const std::string& channel) {
  auto info = api_.ConversationInfo(channel);
  if (!info.ok()) return info.status();
  core::Destination destination = std::move(info).value();
  destination.id = channel;
  // A DM's one person comes with conversations.info; other channels need the
  // member list, every page of it.
  if (!destination.is_im) {
    auto members = api_.ConversationMembers(channel);
    if (!members.ok()) return members.status();
    destination.members = std::move(members).value();
  }
  std::erase(destination.members, bot_user_id_);
  if (destination.is_im && destination.members.empty()) {
    return core::Status::Unavailable("conversations.info: the DM has no user");
  }
  return destination;
}

}  // namespace srcbot::bot
