#include "bot/slack_api/slack_sink.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bot/blocks/button_blocks.h"

namespace srcbot::bot {

namespace {

// Slots older than this are forgotten, so the map does not grow with every
// channel the bot ever posted to.
constexpr std::chrono::minutes kForgetAfter{10};

bool IsHttpUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

}  // namespace

SlackSink::SlackSink(const EgressKey& key, HttpClient& http, SlackEndpoint endpoint,
                     SinkOptions options, Sleeper sleeper, MonotonicNow now, RandomSource random)
    : MessageSink(key),
      http_(http),
      options_(options),
      sleeper_(sleeper ? std::move(sleeper) : RealSleeper()),
      now_(now ? std::move(now) : RealMonotonicNow()),
      random_(random ? std::move(random) : RealRandom()),
      api_(key, http, std::move(endpoint.base_url), std::move(endpoint.bot_token), endpoint.retry,
           sleeper_, random_) {
  api_.SetMetrics(endpoint.metrics);
}

void SlackSink::WaitForSlot(const std::string& channel) {
  std::chrono::milliseconds wait{0};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = now_();
    std::erase_if(next_allowed_, [&](const auto& e) { return now - e.second > kForgetAfter; });
    auto& next = next_allowed_[channel];  // value-initialised: the epoch, long past
    auto slot = std::max(next, now);
    next = slot + options_.min_interval;
    wait = std::chrono::ceil<std::chrono::milliseconds>(slot - now);
  }
  // Sleep outside the lock: other channels are not held up.
  if (wait.count() > 0) sleeper_(wait);
}

core::Status SlackSink::PostMessage(const std::string& channel, const std::string& text) {
  WaitForSlot(channel);
  return api_.PostMessage(channel, text, nlohmann::json()).status();
}

core::Status SlackSink::Post(const std::string& channel, const std::string& text) {
  return PostMessage(channel, text);
}

core::Status SlackSink::PostOffering(const std::string& channel, const std::string& text,
                                     const std::vector<core::Button>& buttons) {
  WaitForSlot(channel);
  return api_.PostMessage(channel, text, ButtonBlocks(text, buttons)).status();
}

core::Status SlackSink::UpdatePost(const std::string& channel, const std::string& ts,
                                   const std::string& text,
                                   const std::vector<core::Button>& buttons) {
  // The blocks are always sent: without them Slack would keep the old ones,
  // buttons included.
  return api_.UpdateMessage(channel, ts, text, ButtonBlocks(text, buttons));
}

core::Result<std::string> SlackSink::PostPublic(const std::string& channel,
                                               const std::string& text) {
  WaitForSlot(channel);
  return api_.PostMessage(channel, text, nlohmann::json());
}

core::Status SlackSink::UpdatePublic(const std::string& channel, const std::string& ref,
                                     const std::string& text) {
  return api_.UpdateMessage(channel, ref, text, nlohmann::json());
}

core::Status SlackSink::PostDirect(const core::UserId& user, const std::string& text) {
  return PostMessage(user, text);
}

core::Status SlackSink::PostEphemeral(const std::string& channel, const core::UserId& user,
                                      const std::string& text) {
  return api_.PostEphemeral(channel, user, text, nlohmann::json());
}

core::Status SlackSink::OpenView(const std::string& trigger_id, const nlohmann::json& view) {
  return api_.OpenView(trigger_id, view).status();
}

core::Status SlackSink::PublishHome(const core::UserId& user, const nlohmann::json& view) {
  return api_.PublishHome(user, view).status();
}

core::Status SlackSink::Respond(const std::string& response_url, const std::string& text) {
  // The URL is a credential of sorts (anyone holding it may answer the user):
  // it stays out of every message.
  if (!IsHttpUrl(response_url)) return core::Status::Invalid("response_url: not an http(s) URL");
  std::string body;
  try {
    nlohmann::json payload = {{"response_type", "ephemeral"}, {"text", text}};
    body = payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const nlohmann::json::exception&) {
    return core::Status::Internal("response_url: the reply cannot be encoded");
  }
  HttpHeaders headers = {{"content-type", "application/json; charset=utf-8"}};
  Backoff backoff(options_.respond_base_delay, options_.respond_base_delay * 8, random_);
  const int attempts = std::max(1, options_.respond_attempts);
  core::Status last;
  for (int i = 0; i < attempts; ++i) {
    if (i > 0) sleeper_(backoff.Next());
    auto sent = http_.Send("POST", response_url, headers, body, options_.respond_timeout);
    if (!sent.ok()) {
      last = core::Status::Unavailable("response_url: " + sent.status().message());
      continue;
    }
    int status = sent.value().status;
    if (status / 100 == 2) return core::Status::Ok();
    last = core::Status::Unavailable("response_url: HTTP " + std::to_string(status));
    // Slack answers 404 for a used-up or expired URL: trying again cannot help.
    if (status != 429 && status < 500) {
      return core::Status::Invalid("response_url: HTTP " + std::to_string(status));
    }
  }
  return last;
}

}  // namespace srcbot::bot
