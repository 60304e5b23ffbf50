// FakeWebApi's answers for the methods srcbot calls (SLACK.md §5.2). Each runs
// with the fake's mutex held.

#include <algorithm>
#include <cstdlib>

#include "tests/fakes/fake_web_api.h"

namespace srcbot::testing {

namespace {

using Json = nlohmann::json;

std::string Str(const Json& args, const char* key) {
  auto it = args.find(key);
  if (it == args.end()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// A JSON argument: an object in a JSON body, a JSON string in a form body.
Json JsonArg(const Json& args, const char* key) {
  auto it = args.find(key);
  if (it == args.end()) return Json();
  if (!it->is_string()) return *it;
  Json parsed = Json::parse(it->get<std::string>(), nullptr, false);
  return parsed.is_discarded() ? Json() : parsed;
}

FakeWebReply Ok(Json body = Json::object()) {
  body["ok"] = true;
  return {200, std::move(body), 0};
}

FakeWebReply Error(const std::string& error) { return {200, {{"ok", false}, {"error", error}}, 0}; }

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

FakeWebReply FakeWebApi::PostMessage(const Json& args) {
  std::string channel = Str(args, "channel");
  if (channel.empty()) return Error("channel_not_found");
  Json blocks = JsonArg(args, "blocks");
  if (Str(args, "text").empty() && !blocks.is_array()) return Error("no_text");
  auto known = channels_.find(channel);
  if (known != channels_.end()) {
    if (known->second.is_archived) return Error("is_archived");
    if (!known->second.bot_is_member) return Error("not_in_channel");
  }
  if (post_limit_ > 0) {
    auto now = std::chrono::steady_clock::now();
    auto& recent = recent_posts_[channel];
    while (!recent.empty() && now - recent.front() >= std::chrono::seconds(1)) recent.pop_front();
    if (static_cast<int>(recent.size()) >= post_limit_) {
      return {429, {{"ok", false}, {"error", "ratelimited"}}, 1};
    }
    recent.push_back(now);
  }
  PostedMessage message{channel, NextTs(), Str(args, "text"), Str(args, "thread_ts"), blocks};
  messages_.push_back(message);
  return Ok({{"channel", channel},
             {"ts", message.ts},
             {"message", {{"text", message.text}, {"user", "UBOT"}, {"ts", message.ts}}}});
}

FakeWebReply FakeWebApi::PostEphemeral(const Json& args) {
  std::string channel = Str(args, "channel");
  std::string user = Str(args, "user");
  if (channel.empty()) return Error("channel_not_found");
  if (user.empty()) return Error("user_not_found");
  if (Str(args, "text").empty() && !JsonArg(args, "blocks").is_array()) return Error("no_text");
  auto known = channels_.find(channel);
  if (known != channels_.end() && !Contains(known->second.members, user)) {
    return Error("user_not_in_channel");
  }
  return Ok({{"message_ts", NextTs()}});
}

FakeWebReply FakeWebApi::UpdateMessage(const Json& args) {
  std::string channel = Str(args, "channel");
  std::string ts = Str(args, "ts");
  for (PostedMessage& message : messages_) {
    if (message.channel == channel && message.ts == ts) {
      message.text = Str(args, "text");
      message.blocks = JsonArg(args, "blocks");
      return Ok({{"channel", channel}, {"ts", ts}, {"text", message.text}});
    }
  }
  return Error("message_not_found");
}

FakeWebReply FakeWebApi::ConversationInfo(const Json& args) {
  std::string id = Str(args, "channel");
  auto known = channels_.find(id);
  if (known == channels_.end()) return Error("channel_not_found");
  const FakeChannel& c = known->second;
  Json channel = {{"id", id},
                  {"name", c.name},
                  {"is_channel", !c.is_im && !c.is_private},
                  {"is_group", false},
                  {"is_im", c.is_im},
                  {"is_mpim", false},
                  {"is_private", c.is_private || c.is_im},
                  {"is_archived", c.is_archived},
                  {"is_shared", c.is_shared},
                  {"is_ext_shared", c.is_ext_shared},
                  {"is_org_shared", c.is_org_shared},
                  {"is_pending_ext_shared", c.is_pending_ext_shared},
                  {"is_member", c.bot_is_member}};
  if (c.is_im && !c.members.empty()) channel["user"] = c.members.front();
  if (Str(args, "include_num_members") == "true") channel["num_members"] = c.members.size();
  return Ok({{"channel", channel}});
}

FakeWebReply FakeWebApi::ConversationMembers(const Json& args) {
  auto known = channels_.find(Str(args, "channel"));
  if (known == channels_.end()) return Error("channel_not_found");
  const std::vector<std::string>& members = known->second.members;
  // Cursors are opaque to callers; here "members:<offset>".
  std::size_t offset = 0;
  std::string cursor = Str(args, "cursor");
  if (!cursor.empty()) {
    if (cursor.rfind("members:", 0) != 0) return Error("invalid_cursor");
    offset = static_cast<std::size_t>(std::strtoul(cursor.c_str() + 8, nullptr, 10));
  }
  std::size_t page = static_cast<std::size_t>(std::max(1, options_.members_page_size));
  std::size_t end = std::min(members.size(), offset + page);
  Json list = Json::array();
  for (std::size_t i = std::min(offset, end); i < end; ++i) list.push_back(members[i]);
  std::string next = end < members.size() ? "members:" + std::to_string(end) : "";
  return Ok({{"members", list}, {"response_metadata", {{"next_cursor", next}}}});
}

FakeWebReply FakeWebApi::UsersInfo(const Json& args) {
  auto known = users_.find(Str(args, "user"));
  if (known == users_.end()) return Error("user_not_found");
  const FakeUser& u = known->second;
  return Ok({{"user",
              {{"id", u.id},
               {"team_id", "TFAKE"},
               {"name", u.name},
               {"real_name", u.name},
               {"tz", u.tz},
               {"deleted", u.deleted},
               {"is_bot", u.is_bot},
               {"profile", {{"display_name", u.name}, {"real_name", u.name}}}}}});
}

FakeWebReply FakeWebApi::Views(const std::string& method, const Json& args) {
  Json view = JsonArg(args, "view");
  if (!view.is_object()) return Error("invalid_arguments");
  std::string id;
  if (method == "views.open" || method == "views.push") {
    std::string trigger = Str(args, "trigger_id");
    if (trigger.empty()) return Error("invalid_trigger_id");
    // A trigger works once, and one the fake issued only for 3 s.
    if (!used_triggers_.insert(trigger).second) return Error("exchanged_trigger_id");
    auto issued = issued_triggers_.find(trigger);
    if (issued != issued_triggers_.end() &&
        std::chrono::steady_clock::now() - issued->second > std::chrono::seconds(3)) {
      return Error("expired_trigger_id");
    }
    id = "V" + std::to_string(next_view_++);
  } else if (method == "views.update") {
    id = Str(args, "view_id");
    auto known = views_.find(id);
    if (known == views_.end()) return Error("not_found");
    std::string hash = Str(args, "hash");
    if (!hash.empty() && hash != Str(known->second, "hash")) return Error("hash_conflict");
  } else if (method == "views.publish") {
    if (Str(args, "user_id").empty()) return Error("invalid_arguments");
    id = "VHOME-" + Str(args, "user_id");
  } else {
    return Error("unknown_method");
  }
  view["id"] = id;
  view["hash"] = "hash-" + std::to_string(next_ts_++);
  views_[id] = view;
  return Ok({{"view", view}});
}

}  // namespace srcbot::testing
