#pragma once
// The last step out of the process: a transport's way to put text in front of
// people. A sink can only be made with an EgressKey, which only the
// EmbargoGuard has: nothing can be sent without passing the guard.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/egress/egress_key.h"

#include "core/buttons.h"
#include "core/case.h"
#include "core/embargo_policy.h"
#include "core/result.h"

namespace srcbot::bot {

class MessageSink {
 public:
  explicit MessageSink(const EgressKey&) {}
  MessageSink(const MessageSink&) = delete;
  MessageSink& operator=(const MessageSink&) = delete;
  virtual ~MessageSink() = default;
  // A message everyone in `channel` sees.
  virtual core::Status Post(const std::string& channel, const std::string& text) = 0;
  // A message only `user` sees, in `channel`.
  virtual core::Status PostEphemeral(const std::string& channel, const core::UserId& user,
                                     const std::string& text) = 0;
  // A post with `buttons` under it (core/buttons.h), each running its `/src`
  // line for whoever clicks. Transports without buttons post the text alone.
  virtual core::Status PostOffering(const std::string& channel, const std::string& text,
                                    const std::vector<core::Button>& buttons) {
    (void)buttons;
    return Post(channel, text);
  }
  // Replaces our post `ts` in `channel` with `text` and `buttons` (none: the
  // buttons are gone). Only transports whose posts can be edited have it.
  virtual core::Status UpdatePost(const std::string& channel, const std::string& ts,
                                  const std::string& text, const std::vector<core::Button>& buttons) {
    (void)channel;
    (void)ts;
    (void)text;
    (void)buttons;
    return core::Status::Unavailable("this transport cannot edit posts");
  }
  // A public release post in `channel`; returns what a later UpdatePublic
  // needs to find it (Slack's ts), or "" on transports that need nothing.
  virtual core::Result<std::string> PostPublic(const std::string& channel, const std::string& text) {
    core::Status st = Post(channel, text);
    if (!st.ok()) return st;
    return std::string();
  }
  // Replaces the text of the public post `ref` (from PostPublic) in `channel`.
  virtual core::Status UpdatePublic(const std::string& channel, const std::string& ref,
                                    const std::string& text) {
    (void)channel;
    (void)ref;
    (void)text;
    return core::Status::Unavailable("this transport cannot edit posts");
  }
  // A direct message from the bot to `user`.
  virtual core::Status PostDirect(const core::UserId& user, const std::string& text) = 0;
  // An ephemeral answer through a slash command's or action's response_url
  // (Slack only; the console has none).
  virtual core::Status Respond(const std::string& response_url, const std::string& text) {
    (void)response_url;
    (void)text;
    return core::Status::Unavailable("this transport has no response_url");
  }
  // A modal for the person who holds `trigger_id` (views.open).
  virtual core::Status OpenView(const std::string& trigger_id, const nlohmann::json& view) {
    (void)trigger_id;
    (void)view;
    return core::Status::Unavailable("this transport has no modals");
  }
  // The App Home tab of `user` (views.publish).
  virtual core::Status PublishHome(const core::UserId& user, const nlohmann::json& view) {
    (void)user;
    (void)view;
    return core::Status::Unavailable("this transport has no App Home");
  }
};

// Where the facts about a channel come from (Slack's conversations.info and
// conversations.members, or the console's simulated workspace).
class ChannelDirectory {
 public:
  virtual ~ChannelDirectory() = default;
  // kUnavailable when the facts cannot be had right now; the guard then holds.
  virtual core::Result<core::Destination> Describe(const std::string& channel) = 0;
  // Forgets what is cached about `channel` (someone joined it).
  virtual void Invalidate(const std::string& channel) { (void)channel; }
};

}  // namespace srcbot::bot
