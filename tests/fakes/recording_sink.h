#pragma once
// A MessageSink that records what would have been sent, and a ChannelDirectory
// with facts set by the test.

#include <map>
#include <memory>
#include <vector>

#include "bot/egress/message_sink.h"

namespace srcbot::testing {

struct Sent {
  std::string kind;  // "post", "ephemeral", "direct", "modal", "home", "edit" (and "respond")
  std::string where;
  std::string user;
  std::string text;
};

class RecordingSink : public bot::MessageSink {
 public:
  RecordingSink(const bot::EgressKey& key, std::shared_ptr<std::vector<Sent>> log)
      : MessageSink(key), log_(std::move(log)) {}
  core::Status Post(const std::string& channel, const std::string& text) override {
    return Record({"post", channel, "", text});
  }
  core::Status PostEphemeral(const std::string& channel, const core::UserId& user,
                             const std::string& text) override {
    return Record({"ephemeral", channel, user, text});
  }
  core::Status PostDirect(const core::UserId& user, const std::string& text) override {
    return Record({"direct", user, user, text});
  }
  // Public posts get refs "ts1", "ts2"…; an edit is recorded as "update" with the ref.
  core::Result<std::string> PostPublic(const std::string& channel, const std::string& text) override {
    core::Status st = Record({"post", channel, "", text});
    if (!st.ok()) return st;
    return "ts" + std::to_string(log_->size());
  }
  core::Status UpdatePublic(const std::string& channel, const std::string& ref,
                            const std::string& text) override {
    return Record({"update", channel, ref, text});
  }
  // An edit of a post after a click: "edit", the channel, the ts (in `user`),
  // and the text followed by " [label]" for each button left.
  core::Status UpdatePost(const std::string& channel, const std::string& ts, const std::string& text,
                          const std::vector<core::Button>& buttons) override {
    std::string shown = text;
    for (const core::Button& b : buttons) shown += " [" + b.label + "]";
    return Record({"edit", channel, ts, shown});
  }
  // A modal shows to the one who holds the trigger; recorded with the view.
  core::Status OpenView(const std::string& trigger_id, const nlohmann::json& view) override {
    return Record({"modal", trigger_id, "", view.dump()});
  }
  core::Status PublishHome(const core::UserId& user, const nlohmann::json& view) override {
    return Record({"home", user, user, view.dump()});
  }
  bool fail = false;
  std::string fail_kind;  // e.g. "modal": that kind fails, the others succeed

 private:
  core::Status Record(Sent s) {
    if (fail) return core::Status::Unavailable("slack is down (test)");
    if (!fail_kind.empty() && s.kind == fail_kind) return core::Status::Invalid("expired (test)");
    log_->push_back(std::move(s));
    return core::Status::Ok();
  }
  std::shared_ptr<std::vector<Sent>> log_;
};

class FakeDirectory : public bot::ChannelDirectory {
 public:
  core::Result<core::Destination> Describe(const std::string& channel) override {
    auto it = channels.find(channel);
    if (it == channels.end()) return core::Status::Unavailable("timeout (test)");
    return it->second;
  }
  std::map<std::string, core::Destination> channels;
};

}  // namespace srcbot::testing
