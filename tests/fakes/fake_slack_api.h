#pragma once
// A SlackApi that records the calls made to it and answers from fields the
// test sets. Only views.open is used by the inbound code; the rest answer with
// empty successes so the fake can stand in anywhere.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/slack_api.h"

namespace srcbot::testing {

class FakeSlackApi : public bot::SlackApi {
 public:
  struct OpenedView {
    std::string trigger_id;
    nlohmann::json view;
  };

  core::Result<bot::AuthInfo> AuthTest() override { return bot::AuthInfo{"UBOT", "BBOT", "T1"}; }
  core::Result<std::string> OpenSocketUrl() override { return std::string("ws://127.0.0.1:1/"); }
  core::Result<std::string> PostMessage(const std::string&, const std::string&,
                                        const nlohmann::json&) override {
    return std::string("1.0001");
  }
  core::Status PostEphemeral(const std::string&, const std::string&, const std::string&,
                             const nlohmann::json&) override {
    return core::Status::Ok();
  }
  core::Status UpdateMessage(const std::string&, const std::string&, const std::string&,
                             const nlohmann::json&) override {
    return core::Status::Ok();
  }
  core::Result<core::Destination> ConversationInfo(const std::string& channel) override {
    return core::Destination{channel, false, false, false, false, false, false, {}};
  }
  core::Result<std::vector<std::string>> ConversationMembers(const std::string&) override {
    return std::vector<std::string>{};
  }
  core::Result<bot::UserInfo> UsersInfo(const std::string& user) override {
    return bot::UserInfo{user, user, "", false, false};
  }

  core::Result<nlohmann::json> OpenView(const std::string& trigger_id,
                                        const nlohmann::json& view) override {
    opened.push_back({trigger_id, view});
    if (!open_view_error.empty()) return core::Status::Invalid("views.open: " + open_view_error);
    return view;
  }
  core::Result<nlohmann::json> UpdateView(const std::string&, const std::string&,
                                          const nlohmann::json& view) override {
    return view;
  }
  core::Result<nlohmann::json> PublishHome(const std::string&,
                                           const nlohmann::json& view) override {
    return view;
  }

  std::vector<OpenedView> opened;
  std::string open_view_error;  // e.g. "expired_trigger_id": OpenView fails with it
};

}  // namespace srcbot::testing
