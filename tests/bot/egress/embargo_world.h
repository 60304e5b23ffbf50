#pragma once
// A small Slack workspace for the embargo property test: the real command
// service, SlackInbound, EmbargoGuard and OutboxWorker over an in-memory
// store, a directory whose facts the test changes as it goes, and a sink that
// records everything that would have reached a person — with where, and who
// could read it.
//
// People: UALICE, UBOB, UCAROL sit on the SRC; UDANA and UERIN are engineers a
// fix team may take in; UEVE and UMALLORY are outsiders.
// Places: CSRC (the SRC's private channel), CTEAM (private, the SRC and
// UDANA), CPRIV (private, with UEVE), CSHARED (private but Slack-Connect
// shared), CGEN and CDEV (public, the configured general and development
// channels); a DM (D + user) with each person; each person's App Home.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/blocks/block_kit.h"
#include "bot/egress/embargo_guard.h"
#include "bot/egress/outbox_worker.h"
#include "bot/inbound/slack_inbound.h"
#include "commands/command_service.h"
#include "tests/bot/inbound/inbound_fixture.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/recording_sink.h"
#include "tests/fakes/test_egress.h"

namespace srcbot::testing {

inline const std::vector<std::string> kSrc = {"UALICE", "UBOB", "UCAROL"};
inline const std::vector<std::string> kEngineers = {"UDANA", "UERIN"};
inline const std::vector<std::string> kOutsiders = {"UEVE", "UMALLORY"};

// Who could read one outbound message.
struct Reach {
  std::string where;                 // channel id, or "" for a personal place
  std::vector<std::string> readers;  // who sees it (a post: the channel's members)
  std::string what;  // "post", "ephemeral", "ack", "respond", "direct", "modal", "home"
  std::string text;
  core::Destination place{};  // the channel as it truly was when it was sent
};

class EmbargoWorld {
 public:
  EmbargoWorld() {
    store.clock = &clock;
    (void)store.SeedMembers(kSrc, clock.Now());
    directory.channels["CSRC"] = Private("CSRC", kSrc);
    directory.channels["CTEAM"] = Private("CTEAM", {"UALICE", "UBOB", "UCAROL", "UDANA"});
    directory.channels["CPRIV"] = Private("CPRIV", {"UALICE", "UEVE"});
    core::Destination shared = Private("CSHARED", kSrc);
    shared.is_ext_shared = true;
    shared.is_shared = true;
    directory.channels["CSHARED"] = shared;
    for (const std::string& person : Everyone()) {
      directory.channels["D" + person] =
          core::Destination{"D" + person, true, true, false, false, false, false, {person}};
    }
    for (const char* pub : {"CGEN", "CDEV"}) {
      core::Destination d = Private(pub, Everyone());
      d.is_private = false;
      directory.channels[pub] = d;
    }
  }

  static core::Destination Private(const std::string& id, std::vector<std::string> members) {
    return core::Destination{id, false, true, false, false, false, false, std::move(members)};
  }
  static std::vector<std::string> Everyone() {
    std::vector<std::string> all = kSrc;
    all.insert(all.end(), kEngineers.begin(), kEngineers.end());
    all.insert(all.end(), kOutsiders.begin(), kOutsiders.end());
    return all;
  }

  // A channel as it truly is right now, whether or not Slack can be asked.
  core::Destination Truth(const std::string& channel) const {
    auto it = directory.channels.find(channel);
    if (it != directory.channels.end()) return it->second;
    auto down = unreachable.find(channel);
    if (down != unreachable.end()) return down->second;
    return core::Destination{channel, false, false, false, false, false, false, Everyone()};
  }

  // A slash command typed by `user` in `channel`; the ack's text is recorded.
  void Command(const std::string& user, const std::string& channel, const std::string& text) {
    nlohmann::json payload = {{"user_id", user},
                              {"channel_id", channel},
                              {"text", text},
                              {"command", "/src"},
                              {"response_url", "https://hooks.test/" + channel + "/" + user},
                              {"trigger_id", "trigger/" + user},
                              {"api_app_id", "AAPP"}};
    auto ack = inbound.OnSlashCommand(payload);
    if (ack && ack->contains("text")) {
      Record({channel, {user}, "ack", (*ack)["text"].get<std::string>()});
    }
    Drain();
  }

  // A click on a new report's Acknowledge button.
  void Click(const std::string& user, const std::string& channel, core::CaseId id) {
    nlohmann::json payload = {
        {"type", "block_actions"},
        {"user", {{"id", user}}},
        {"channel", {{"id", channel}}},
        {"actions", {{{"action_id", std::string("src_ack")}, {"value", core::CaseRef(id)}}}},
        {"response_url", "https://hooks.test/" + channel + "/" + user},
        {"api_app_id", "AAPP"}};
    (void)inbound.OnInteraction(payload);
    Drain();
  }

  // The outbox, delivered as far as the guard and the sink allow.
  void Drain() {
    (void)worker.Drain(1000);
    Collect();
  }

  // Turns what the sink recorded into Reach values.
  void Collect() {
    for (; collected_ < sent->size(); ++collected_) {
      const Sent& s = (*sent)[collected_];
      if (s.kind == "post" || s.kind == "update") {  // an edit reaches the channel again
        Record({s.where, Truth(s.where).members, "post", s.text});
      } else if (s.kind == "ephemeral") {
        Record({s.where, {s.user}, "ephemeral", s.text});
      } else if (s.kind == "respond") {
        // https://hooks.test/<channel>/<user>
        std::string rest = s.where.substr(std::string("https://hooks.test/").size());
        std::string channel = rest.substr(0, rest.find('/'));
        Record({channel, {rest.substr(rest.find('/') + 1)}, "respond", s.text});
      } else if (s.kind == "modal") {
        Record({"", {s.where.substr(std::string("trigger/").size())}, "modal", s.text});
      } else {  // direct, home
        Record({"", {s.where}, s.kind, s.text});
      }
    }
  }

  void Record(Reach r) {
    if (!r.where.empty()) r.place = Truth(r.where);
    reached.push_back(std::move(r));
  }

  MemoryCaseStore store;
  FakeClock clock{TestNow()};
  FakeDirectory directory;
  std::map<std::string, core::Destination> unreachable;  // channels Slack cannot describe now
  std::shared_ptr<std::vector<Sent>> sent = std::make_shared<std::vector<Sent>>();
  RespondingSink* sink = nullptr;
  bot::EmbargoGuard guard{store, directory, SinkOf(&sink, sent)};
  bot::OutboxWorker worker{store, guard};
  commands::CommandService service{
      store, clock, {"CSRC", core::DeadlinePolicy{}, "CGEN", "CDEV"}};
  MemoryEventLog events;
  bot::SlackInbound inbound{service, guard, events, directory, clock, {"UBOT", "BBOT", "AAPP"}, {}};
  std::vector<Reach> reached;

 private:
  std::size_t collected_ = 0;
};

}  // namespace srcbot::testing
