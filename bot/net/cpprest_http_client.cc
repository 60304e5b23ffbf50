#include "bot/net/http_client.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include <cpprest/http_client.h>

namespace srcbot::bot {
namespace {

using web::http::client::http_client;

// Send() waits this much past its timeout for cpprest's own timer to fire
// before it cancels the request and returns on its own.
constexpr std::chrono::milliseconds kDeadlineSlack{1000};

// What one attempt ended with. Filled by a task continuation on cpprest's pool,
// read by the calling thread.
struct Attempt {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::optional<HttpResponse> response;
  std::string error;
  bool http_error = false;  // an http_exception: the connection failed
  bool timed_out = false;
};

HttpResponse FromCpprest(const web::http::http_response& r, std::vector<unsigned char> bytes) {
  HttpResponse out;
  out.status = r.status_code();
  for (const auto& [name, value] : r.headers()) out.headers[LowerHeaderName(name)] = value;
  out.content_type = HeaderValue(out.headers, "content-type");
  out.body.assign(bytes.begin(), bytes.end());
  return out;
}

web::http::http_request BuildRequest(const std::string& method, const std::string& resource,
                                     const HttpHeaders& headers, const std::string& body) {
  web::http::http_request req(method);
  req.set_request_uri(resource);
  if (!body.empty()) req.set_body(std::vector<unsigned char>(body.begin(), body.end()));
  // After set_body, so the caller's content-type replaces application/octet-stream.
  for (const auto& [name, value] : headers) req.headers()[name] = value;
  return req;
}

// Runs one request and waits for it (callers are srcbot threads, never pool
// threads, so waiting cannot starve the pool: CPPREST.md, pitfall 2).
void RunAttempt(http_client& client, web::http::http_request req, std::chrono::milliseconds wait,
                const std::shared_ptr<Attempt>& a) {
  pplx::cancellation_token_source cancel;
  client.request(std::move(req), cancel.get_token())
      .then([](web::http::http_response r) {
        return r.extract_vector().then(
            [r](std::vector<unsigned char> bytes) { return FromCpprest(r, std::move(bytes)); });
      })
      .then([a](pplx::task<HttpResponse> t) {
        // Task-based, so every failure is observed: an unobserved task
        // exception terminates the process (pplxlinux.h).
        std::optional<HttpResponse> response;
        std::string error;
        bool http_error = false;
        bool timed_out = false;
        try {
          response = t.get();
        } catch (const web::http::http_exception& e) {
          error = e.what();
          http_error = true;
          timed_out = e.error_code() == std::errc::timed_out;
        } catch (const pplx::task_canceled&) {
          error = "cancelled";
          timed_out = true;
        } catch (const std::exception& e) {
          error = e.what();
        } catch (...) {
          error = "unknown error";
        }
        std::lock_guard<std::mutex> lock(a->mu);
        a->response = std::move(response);
        a->error = std::move(error);
        a->http_error = http_error;
        a->timed_out = timed_out;
        a->done = true;
        a->cv.notify_all();
      });
  std::unique_lock<std::mutex> lock(a->mu);
  if (!a->cv.wait_for(lock, wait, [&] { return a->done; })) {
    cancel.cancel();  // the continuation still runs later and observes the outcome
    a->done = true;
    a->timed_out = true;
    a->error = "no answer in time";
  }
}

class CpprestHttpClient : public HttpClient {
 public:
  core::Result<HttpResponse> Send(const std::string& method, const std::string& url,
                                  const HttpHeaders& headers, const std::string& body,
                                  std::chrono::milliseconds timeout) override {
    std::string host = "?";
    try {
      web::uri uri(url);
      host = uri.host();
      if ((uri.scheme() != "http" && uri.scheme() != "https") || host.empty()) {
        return core::Status::Invalid("not an http(s) URL with a host: " + host);
      }
      std::shared_ptr<http_client> client = ClientFor(uri.authority().to_string(), timeout);
      const std::string resource = uri.resource().to_string();
      const auto deadline = std::chrono::steady_clock::now() + timeout + kDeadlineSlack;
      std::shared_ptr<Attempt> a;
      for (int attempt = 0; attempt < 2; ++attempt) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        a = std::make_shared<Attempt>();
        RunAttempt(*client, BuildRequest(method, resource, headers, body), left, a);
        std::lock_guard<std::mutex> lock(a->mu);
        if (a->response) return std::move(*a->response);
        // A pooled connection the server already closed fails the next
        // request (cpprest #592): one retry on a fresh connection. Never after
        // a timeout: the server may be working on it, and waiting twice
        // would break the caller's timeout.
        if (!a->http_error || a->timed_out) break;
      }
      std::string what = "no attempt made";
      if (a) {
        std::lock_guard<std::mutex> lock(a->mu);
        what =
            a->timed_out ? "timed out after " + std::to_string(timeout.count()) + " ms" : a->error;
      }
      // Only the host and cpprest's own text: never headers (tokens) or body.
      return core::Status::Unavailable(host + ": " + what);
    } catch (const web::uri_exception&) {
      // Its text quotes the URL, and a response_url is itself a secret.
      return core::Status::Invalid("not a valid URL");
    } catch (const std::exception& e) {
      return core::Status::Unavailable(host + ": " + e.what());
    } catch (...) {
      return core::Status::Unavailable(host + ": unknown error");
    }
  }

 private:
  // One client per base URL and timeout: a client pools its connections, and
  // its timeout is fixed at construction (http_client_config).
  std::shared_ptr<http_client> ClientFor(const std::string& base,
                                         std::chrono::milliseconds timeout) {
    const std::string key = base + "|" + std::to_string(timeout.count());
    std::lock_guard<std::mutex> lock(mu_);
    std::shared_ptr<http_client>& client = clients_[key];
    if (!client) {
      web::http::client::http_client_config config;
      config.set_timeout(timeout);
      client = std::make_shared<http_client>(web::uri(base), config);
    }
    return client;
  }

  std::mutex mu_;
  std::map<std::string, std::shared_ptr<http_client>> clients_;
};

}  // namespace

std::unique_ptr<HttpClient> MakeCpprestHttpClient() {
  return std::make_unique<CpprestHttpClient>();
}

}  // namespace srcbot::bot
