#pragma once
// The whole inbound path over fakes: a signed HTTP request goes through
// HttpEndpoint → SignatureVerifier → SlackInbound → CommandService →
// MemoryCaseStore, and every answer through the EmbargoGuard into a
// RecordingSink. alice and bob (UALICE, UBOB) are the SRC; CSRC is its private
// channel, CGEN a public one; eve is not on the SRC.

#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bot/egress/embargo_guard.h"
#include "bot/http/http_endpoint.h"
#include "bot/http/signature_verifier.h"
#include "bot/inbound/slack_inbound.h"
#include "commands/command_service.h"
#include "core/event_log.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"
#include "tests/fakes/recording_sink.h"
#include "tests/fakes/test_egress.h"

namespace srcbot::testing {

class MemoryEventLog : public core::EventLog {
 public:
  core::Result<bool> FirstDelivery(const std::string& event_id, core::TimePoint now) override {
    if (fail) return core::Status::Unavailable("event log down (test)");
    return seen.emplace(event_id, now).second;
  }
  std::map<std::string, core::TimePoint> seen;
  bool fail = false;
};

class CountingDirectory : public FakeDirectory {
 public:
  void Invalidate(const std::string& channel) override { invalidated.push_back(channel); }
  std::vector<std::string> invalidated;
};

inline std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += name + '=';
    for (unsigned char c : value) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
  }
  return out;
}

// RecordingSink has no response_url; this one records those answers as "respond".
class RespondingSink : public RecordingSink {
 public:
  RespondingSink(const bot::EgressKey& key, std::shared_ptr<std::vector<Sent>> log)
      : RecordingSink(key, log), log_(std::move(log)) {}
  core::Status Respond(const std::string& response_url, const std::string& text) override {
    log_->push_back({"respond", response_url, "", text});
    return core::Status::Ok();
  }

 private:
  std::shared_ptr<std::vector<Sent>> log_;
};

struct InboundFixture {
  static constexpr const char* kSecret = "test-signing-secret";

  MemoryCaseStore store;
  FakeClock clock{TestNow()};
  commands::CommandService service{store, clock, {"CSRC", core::DeadlinePolicy{}}};
  CountingDirectory directory;
  std::shared_ptr<std::vector<Sent>> sent = std::make_shared<std::vector<Sent>>();
  RespondingSink* sink = nullptr;
  bot::EmbargoGuard guard{store, directory, SinkOf(&sink, sent)};
  MemoryEventLog events;
  int notified = 0;
  bot::SlackInbound inbound{service,
                            guard,
                            events,
                            directory,
                            clock,
                            {"UBOT", "BBOT", "AAPP"},
                            [this] { ++notified; }};
  bot::SignatureVerifier verifier{kSecret, clock};
  std::vector<std::string> log;
  bot::HttpEndpoint endpoint{verifier, inbound,
                             [this](const std::string& line) { log.push_back(line); }};

  InboundFixture() {
    (void)store.SeedMembers({"UALICE", "UBOB"}, clock.Now());
    directory.channels["CSRC"] = {"CSRC", false, true,  false,
                                  false,  false, false, {"UALICE", "UBOB"}};
    directory.channels["CGEN"] = {"CGEN", false, false, false,
                                  false,  false, false, {"UALICE", "UEVE"}};
  }

  bot::HttpRequest Signed(const std::string& path, const std::string& content_type,
                          const std::string& body) const {
    std::string ts = std::to_string(clock.Now().time_since_epoch().count());
    return {"POST",
            path,
            "",
            {{"content-type", content_type},
             {"x-slack-request-timestamp", ts},
             {"x-slack-signature", bot::SlackSignature(kSecret, ts, body)}},
            body};
  }

  bot::HttpResponse Command(const std::string& user, const std::string& channel,
                            const std::string& text, const std::string& trigger_id = "") {
    std::string body = FormEncode({{"token", "ignored"},
                                   {"team_id", "T1"},
                                   {"channel_id", channel},
                                   {"user_id", user},
                                   {"command", "/src"},
                                   {"text", text},
                                   {"response_url", "https://hooks.slack.test/commands/1"},
                                   {"trigger_id", trigger_id},
                                   {"api_app_id", "AAPP"}});
    return endpoint.Handle(Signed("/slack/commands", "application/x-www-form-urlencoded", body));
  }

  bot::HttpResponse Interaction(const nlohmann::json& payload) {
    std::string body = FormEncode({{"payload", payload.dump()}});
    return endpoint.Handle(
        Signed("/slack/interactions", "application/x-www-form-urlencoded", body));
  }

  bot::HttpResponse Event(const nlohmann::json& body, const std::string& retry = "") {
    bot::HttpRequest request = Signed("/slack/events", "application/json", body.dump());
    if (!retry.empty()) {
      request.headers["x-slack-retry-num"] = retry;
      request.headers["x-slack-retry-reason"] = "http_timeout";
    }
    return endpoint.Handle(request);
  }
};

}  // namespace srcbot::testing
