#pragma once
// An HttpClient for tests: records every request and answers from a script
// (a queue of canned answers) or, when the queue is empty, from a handler
// lambda. No sockets. Thread-safe.

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "bot/net/http_client.h"

namespace srcbot::testing {

struct RecordedRequest {
  std::string method;
  std::string url;
  bot::HttpHeaders headers;
  std::string body;
  std::chrono::milliseconds timeout{0};
};

class ScriptedHttpClient : public bot::HttpClient {
 public:
  using Handler = std::function<core::Result<bot::HttpResponse>(const RecordedRequest&)>;

  core::Result<bot::HttpResponse> Send(const std::string& method, const std::string& url,
                                       const bot::HttpHeaders& headers, const std::string& body,
                                       std::chrono::milliseconds timeout) override;

  // Queues one answer.
  void Push(core::Result<bot::HttpResponse> answer);
  // Queues an HTTP response with a JSON body (status 200 unless given).
  void PushJson(const std::string& json, int status = 200, bot::HttpHeaders headers = {});
  // Answers requests once the queue is empty; without one they get kUnavailable.
  void SetHandler(Handler handler);

  std::vector<RecordedRequest> requests() const;
  std::size_t count() const;

 private:
  mutable std::mutex mutex_;
  std::deque<core::Result<bot::HttpResponse>> script_;
  Handler handler_;
  std::vector<RecordedRequest> requests_;
};

// A 200 response with `json` as its body.
bot::HttpResponse JsonResponse(const std::string& json, int status = 200,
                               bot::HttpHeaders headers = {});

}  // namespace srcbot::testing
