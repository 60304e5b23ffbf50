#include "tests/fakes/scripted_http_client.h"

namespace srcbot::testing {

bot::HttpResponse JsonResponse(const std::string& json, int status, bot::HttpHeaders headers) {
  bot::HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = json;
  r.headers = std::move(headers);
  return r;
}

core::Result<bot::HttpResponse> ScriptedHttpClient::Send(const std::string& method,
                                                         const std::string& url,
                                                         const bot::HttpHeaders& headers,
                                                         const std::string& body,
                                                         std::chrono::milliseconds timeout) {
  RecordedRequest request{method, url, headers, body, timeout};
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
    if (!script_.empty()) {
      core::Result<bot::HttpResponse> answer = std::move(script_.front());
      script_.pop_front();
      return answer;
    }
    handler = handler_;
  }
  if (!handler) return core::Status::Unavailable("no scripted answer (test)");
  return handler(request);
}

void ScriptedHttpClient::Push(core::Result<bot::HttpResponse> answer) {
  std::lock_guard<std::mutex> lock(mutex_);
  script_.push_back(std::move(answer));
}

void ScriptedHttpClient::PushJson(const std::string& json, int status, bot::HttpHeaders headers) {
  Push(JsonResponse(json, status, std::move(headers)));
}

void ScriptedHttpClient::SetHandler(Handler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handler_ = std::move(handler);
}

std::vector<RecordedRequest> ScriptedHttpClient::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

std::size_t ScriptedHttpClient::count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

}  // namespace srcbot::testing
