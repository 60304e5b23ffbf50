#include "tests/fakes/fake_slack.h"

#include "tests/fakes/free_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cpprest/http_listener.h>

namespace srcbot::testing {

namespace {

namespace http = web::http;

// pplx ends the process on an exception nobody looked at (a reply to a client
// that went away, say): every reply is observed.
void Send(http::http_request& request, http::http_response response) {
  request.reply(std::move(response)).then([](pplx::task<void> sent) {
    try {
      sent.get();
    } catch (...) {
    }
  });
}

}  // namespace

class FakeSlack::Listener {
 public:
  Listener(FakeWebApi& web, int port)
      : web_(web), listener_(web::uri("http://127.0.0.1:" + std::to_string(port) + "/")) {
    listener_.support([this](http::http_request request) { Serve(std::move(request)); });
  }

  bool Open() {
    try {
      listener_.open().wait();
      return true;
    } catch (...) {
      return false;
    }
  }

  void Close() {
    try {
      listener_.close().wait();
    } catch (...) {
    }
  }

 private:
  // Runs on cpprestsdk's pool: never waits, only chains.
  void Serve(http::http_request request) {
    bot::HttpHeaders headers;
    for (const auto& [name, value] : request.headers()) headers[bot::LowerHeaderName(name)] = value;
    std::string path = request.relative_uri().path();
    bool post = request.method() == http::methods::POST;
    request.extract_string(true).then(
        [this, request, headers, path, post](pplx::task<std::string> body) mutable {
          try {
            Answer(request, headers, path, post, body.get());
          } catch (...) {
            Send(request, http::http_response(http::status_codes::InternalError));
          }
        });
  }

  void Answer(http::http_request& request, const bot::HttpHeaders& headers, const std::string& path,
              bool post, const std::string& body) {
    if (post && path.rfind("/api/", 0) == 0) {
      FakeWebReply reply = web_.Handle(path.substr(5), headers, body);
      http::http_response response(static_cast<http::status_code>(reply.status));
      response.set_body(reply.body.dump(), "application/json; charset=utf-8");
      if (reply.retry_after_seconds > 0) {
        response.headers().add("Retry-After", std::to_string(reply.retry_after_seconds));
      }
      Send(request, std::move(response));
    } else if (post && path.rfind("/hooks/", 0) == 0) {
      web_.RecordHook(path.substr(7), headers, body);
      http::http_response response(http::status_codes::OK);
      response.set_body(std::string("ok"), "text/plain");
      Send(request, std::move(response));
    } else {
      Send(request, http::http_response(http::status_codes::NotFound));
    }
  }

  FakeWebApi& web_;
  http::experimental::listener::http_listener listener_;
};

FakeSlack::FakeSlack(Options options) : options_(options), web_(std::move(options)) {}

FakeSlack::~FakeSlack() { Stop(); }

core::Status FakeSlack::Start() {
  if (listener_) return core::Status::Ok();
  core::Status socket =
      socket_.Start([this](const std::string& t) { return web_.ConsumeTicket(t); });
  if (!socket.ok()) return socket;
  web_.SetSocketUrlBase("ws://127.0.0.1:" + std::to_string(socket_.port()) + "/link/");
  for (int attempt = 0; attempt < 5; ++attempt) {
    int port = FreeLoopbackPort();
    if (port == 0) continue;
    auto listener = std::make_unique<Listener>(web_, port);
    if (listener->Open()) {
      listener_ = std::move(listener);
      http_port_ = port;
      return core::Status::Ok();
    }
  }
  socket_.Stop();
  return core::Status::Unavailable("fake slack: could not listen on 127.0.0.1");
}

void FakeSlack::Stop() {
  web_.Shutdown();
  if (listener_) {
    listener_->Close();
    listener_.reset();
  }
  socket_.Stop();
}

std::string FakeSlack::api_base() const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + "/api/";
}

std::string FakeSlack::HookUrl(const std::string& id) const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + "/hooks/" + id;
}

}  // namespace srcbot::testing
