#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/http/http_server.h"
#include "bot/net/http_client.h"
#include "bot/net/transport_threads.h"
#include "tests/fakes/free_port.h"

using namespace srcbot;
using namespace std::chrono_literals;

namespace {

std::chrono::milliseconds Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

}  // namespace

TEST_CASE("http client: a closed port is unavailable at once, without secrets", "[transport]") {
  bot::InitTransportThreads(4);
  auto client = bot::MakeCpprestHttpClient();
  const int port = testing::FreeLoopbackPort();
  const auto start = std::chrono::steady_clock::now();
  auto result =
      client->Send("POST", "http://127.0.0.1:" + std::to_string(port) + "/api/x",
                   {{"Authorization", "Bearer xoxb-secret-token"}}, "body-secret", 5000ms);
  CHECK(Since(start) < 2000ms);
  REQUIRE(result.status().code() == core::Code::kUnavailable);
  const std::string message = result.status().message();
  CHECK(message.rfind("127.0.0.1: ", 0) == 0);
  CHECK(message.find("xoxb-secret-token") == std::string::npos);
  CHECK(message.find("body-secret") == std::string::npos);
}

TEST_CASE("http client: the timeout is honoured", "[transport]") {
  bot::InitTransportThreads(4);
  auto server = bot::MakeBeastHttpServer(2);
  const int port = testing::FreeLoopbackPort();
  REQUIRE(server
              ->Start("127.0.0.1", port, 1024,
                      [](bot::HttpRequest, bot::HttpServer::Respond respond) {
                        std::this_thread::sleep_for(1500ms);
                        respond(bot::HttpResponse{});
                      })
              .ok());
  auto client = bot::MakeCpprestHttpClient();
  const auto start = std::chrono::steady_clock::now();
  auto result =
      client->Send("GET", "http://127.0.0.1:" + std::to_string(port) + "/slow", {}, "", 300ms);
  const auto took = Since(start);
  CHECK(result.status().code() == core::Code::kUnavailable);
  CHECK(took >= 250ms);
  CHECK(took < 1400ms);
  server->Stop();
}

TEST_CASE("http client: a malformed URL is an invalid argument", "[transport]") {
  bot::InitTransportThreads(4);
  auto client = bot::MakeCpprestHttpClient();
  auto bad = client->Send("GET", "http://exa mple.com/%zz?token=hush", {}, "", 1000ms);
  CHECK(bad.status().code() == core::Code::kInvalidArgument);
  CHECK(bad.status().message().find("hush") == std::string::npos);
  auto not_http = client->Send("GET", "ftp://example.com/file", {}, "", 1000ms);
  CHECK(not_http.status().code() == core::Code::kInvalidArgument);
}
