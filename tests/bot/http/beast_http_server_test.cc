#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/http/http_server.h"
#include "bot/net/http_client.h"
#include "bot/net/transport_threads.h"
#include "tests/fakes/free_port.h"
#include "tests/fakes/loopback_socket.h"

using namespace srcbot;
using namespace std::chrono_literals;

namespace {

constexpr auto kTimeout = 5000ms;

struct Served {
  std::unique_ptr<bot::HttpServer> server;
  int port = testing::FreeLoopbackPort();

  explicit Served(bot::HttpServer::Handler handler, std::size_t max_body = 1 << 20,
                  bot::HttpServerLimits limits = {})
      : server(bot::MakeBeastHttpServer(4, limits)) {
    bot::InitTransportThreads(4);
    REQUIRE(server->Start("127.0.0.1", port, max_body, std::move(handler)).ok());
  }
  std::string Url(const std::string& path_and_query) const {
    return "http://127.0.0.1:" + std::to_string(port) + path_and_query;
  }
};

bot::HttpResponse Text(int status, std::string body) {
  bot::HttpResponse r;
  r.status = status;
  r.content_type = "text/plain";
  r.body = std::move(body);
  return r;
}

// A loopback connection to `port` (-1 on failure), reads timing out after 5 s.
int Connect(int port) { return srcbot::testing::ConnectLoopback(port); }

// The status line of what arrives on `fd` next ("" when nothing does).
std::string ReadStatusLine(int fd) {
  std::string got;
  char buf[512];
  ssize_t n;
  while (got.find("\r\n") == std::string::npos && (n = ::recv(fd, buf, sizeof(buf), 0)) > 0) {
    got.append(buf, static_cast<size_t>(n));
  }
  return got.substr(0, got.find("\r\n"));
}

// Sends raw bytes and returns the response's status line (or "" on failure),
// for requests the HTTP client cannot be made to send.
std::string RawStatusLine(int port, const std::string& bytes) {
  int fd = Connect(port);
  std::string got;
  if (fd >= 0 && ::send(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size())) {
    got = ReadStatusLine(fd);
  }
  if (fd >= 0) ::close(fd);
  return got;
}

// True when the server closed `fd` (EOF or reset) within the receive timeout.
bool ClosedByServer(int fd) {
  char buf[512];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
}

}  // namespace

TEST_CASE("http server: a form POST reaches the handler as raw bytes", "[transport]") {
  std::mutex mu;
  bot::HttpRequest seen;
  Served s([&](bot::HttpRequest request, bot::HttpServer::Respond respond) {
    {
      std::lock_guard<std::mutex> lock(mu);
      seen = request;
    }
    bot::HttpResponse r = Text(200, "got " + request.body);
    r.headers["X-Request-Note"] = "noted";
    respond(r);
  });
  auto client = bot::MakeCpprestHttpClient();
  const std::string form = "token=abc&text=hello+world%21&user_name=alice";
  auto result = client->Send("POST", s.Url("/slack/commands?team=T1&x=a%20b"),
                             {{"Content-Type", "application/x-www-form-urlencoded"},
                              {"X-Slack-Signature", "v0=deadbeef"},
                              {"X-Slack-Request-Timestamp", "1700000000"}},
                             form, kTimeout);
  REQUIRE(result.ok());
  CHECK(result.value().status == 200);
  CHECK(result.value().body == "got " + form);
  CHECK(result.value().content_type == "text/plain");
  CHECK(bot::HeaderValue(result.value().headers, "x-request-note") == "noted");

  std::lock_guard<std::mutex> lock(mu);
  CHECK(seen.method == "POST");
  CHECK(seen.path == "/slack/commands");
  CHECK(seen.query == "team=T1&x=a%20b");
  CHECK(seen.body == form);
  CHECK(seen.headers.count("x-slack-signature") == 1);
  CHECK(seen.headers.count("X-Slack-Signature") == 0);
  CHECK(bot::HeaderValue(seen.headers, "X-SLACK-SIGNATURE") == "v0=deadbeef");
  CHECK(bot::HeaderValue(seen.headers, "x-slack-request-timestamp") == "1700000000");
  CHECK(bot::HeaderValue(seen.headers, "Content-Type") == "application/x-www-form-urlencoded");
}

TEST_CASE("http server: an oversized body is refused before the handler", "[transport]") {
  std::atomic<int> calls{0};
  Served s(
      [&](bot::HttpRequest, bot::HttpServer::Respond respond) {
        ++calls;
        respond(Text(200, "ok"));
      },
      /*max_body=*/64);
  auto client = bot::MakeCpprestHttpClient();
  auto big = client->Send("POST", s.Url("/slack/events"), {}, std::string(65, 'x'), kTimeout);
  REQUIRE(big.ok());
  CHECK(big.value().status == 413);
  auto chunked = RawStatusLine(s.port,
                               "POST /slack/events HTTP/1.1\r\nHost: x\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  CHECK(chunked.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(calls == 0);
  auto fits = client->Send("POST", s.Url("/slack/events"), {}, std::string(64, 'x'), kTimeout);
  REQUIRE(fits.ok());
  CHECK(fits.value().status == 200);
  CHECK(calls == 1);
}

TEST_CASE("http server: a handler may answer later from another thread", "[transport]") {
  std::vector<std::thread> later;
  std::mutex mu;
  Served s([&](bot::HttpRequest, bot::HttpServer::Respond respond) {
    std::lock_guard<std::mutex> lock(mu);
    later.emplace_back([respond = std::move(respond)] {
      std::this_thread::sleep_for(100ms);
      respond(Text(202, "later"));
      respond(Text(200, "twice"));  // ignored: exactly one answer
    });
  });
  auto result = bot::MakeCpprestHttpClient()->Send("GET", s.Url("/"), {}, "", kTimeout);
  REQUIRE(result.ok());
  CHECK(result.value().status == 202);
  CHECK(result.value().body == "later");
  std::lock_guard<std::mutex> lock(mu);
  for (std::thread& t : later) t.join();
}

TEST_CASE("http server: a throwing or silent handler yields 500", "[transport]") {
  Served s([](bot::HttpRequest request, bot::HttpServer::Respond respond) {
    if (request.path == "/throw") throw std::runtime_error("boom");
    (void)respond;  // "/drop": the Respond dies unanswered
  });
  auto client = bot::MakeCpprestHttpClient();
  for (const char* path : {"/throw", "/drop"}) {
    auto result = client->Send("GET", s.Url(path), {}, "", kTimeout);
    REQUIRE(result.ok());
    CHECK(result.value().status == 500);
  }
}

TEST_CASE("http server: 50 concurrent requests are all answered", "[transport]") {
  Served s([](bot::HttpRequest request, bot::HttpServer::Respond respond) {
    std::this_thread::sleep_for(5ms);
    respond(Text(200, request.query));
  });
  auto client = bot::MakeCpprestHttpClient();
  std::atomic<int> right{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      auto r = client->Send("GET", s.Url("/n?i=" + std::to_string(i)), {}, "", kTimeout);
      if (r.ok() && r.value().status == 200 && r.value().body == "i=" + std::to_string(i)) ++right;
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(right == 50);
}

TEST_CASE("http server: Stop finishes requests in flight, then refuses", "[transport]") {
  Served s([](bot::HttpRequest, bot::HttpServer::Respond respond) {
    std::this_thread::sleep_for(300ms);
    respond(Text(200, "finished"));
  });
  auto client = bot::MakeCpprestHttpClient();
  core::Result<bot::HttpResponse> in_flight = core::Status::Internal("not run");
  std::thread caller([&] { in_flight = client->Send("GET", s.Url("/slow"), {}, "", kTimeout); });
  std::this_thread::sleep_for(100ms);
  const auto start = std::chrono::steady_clock::now();
  s.server->Stop();
  CHECK(std::chrono::steady_clock::now() - start < 3s);
  caller.join();
  REQUIRE(in_flight.ok());
  CHECK(in_flight.value().body == "finished");
  s.server->Stop();  // idempotent
  auto after = client->Send("GET", s.Url("/"), {}, "", 2000ms);
  CHECK(after.status().code() == core::Code::kUnavailable);
}

TEST_CASE("http server: a port in use is unavailable, naming the address", "[transport]") {
  bot::InitTransportThreads(4);
  // Held by a plain socket, so the failure is the kernel's, not ours.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  REQUIRE(::listen(fd, 1) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  const int port = ntohs(addr.sin_port);
  auto server = bot::MakeBeastHttpServer(1);
  core::Status st =
      server->Start("127.0.0.1", port, 1024, [](bot::HttpRequest, bot::HttpServer::Respond) {});
  ::close(fd);
  CHECK(st.code() == core::Code::kUnavailable);
  CHECK(st.message().find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
}

TEST_CASE("http server: a body over the limit is refused from its headers, unread", "[transport]") {
  std::atomic<int> calls{0};
  Served s(
      [&](bot::HttpRequest, bot::HttpServer::Respond respond) {
        ++calls;
        respond(Text(200, "ok"));
      },
      /*max_body=*/1024);
  // Announces 10 GB and sends none of it: the answer comes anyway, so the
  // server did not wait for (or hold) the body.
  int fd = Connect(s.port);
  REQUIRE(fd >= 0);
  const std::string head =
      "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n";
  REQUIRE(::send(fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()));
  CHECK(ReadStatusLine(fd).rfind("HTTP/1.1 413", 0) == 0);
  CHECK(ClosedByServer(fd));
  ::close(fd);
  // A client that asks first is told before sending anything.
  CHECK(RawStatusLine(s.port,
                      "POST /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                      "Content-Length: 2048\r\n\r\n")
            .rfind("HTTP/1.1 413", 0) == 0);
  // Within the limit, 100-continue is honoured and the body read.
  CHECK(RawStatusLine(s.port,
                      "POST /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                      "Content-Length: 2\r\n\r\n")
            .rfind("HTTP/1.1 100", 0) == 0);
  CHECK(calls == 0);
}

TEST_CASE("http server: headers over the limit are answered 431", "[transport]") {
  bot::HttpServerLimits limits;
  limits.max_header_bytes = 1024;
  Served s([](bot::HttpRequest, bot::HttpServer::Respond respond) { respond(Text(200, "ok")); },
           1 << 20, limits);
  CHECK(RawStatusLine(s.port,
                      "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n")
            .rfind("HTTP/1.1 431", 0) == 0);
  // A header line that never ends is refused the same way, not buffered.
  CHECK(RawStatusLine(s.port, "GET / HTTP/1.1\r\nX-Endless: " + std::string(64 * 1024, 'a'))
            .rfind("HTTP/1.1 431", 0) == 0);
  CHECK(RawStatusLine(s.port, "NOT HTTP AT ALL\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
}

TEST_CASE("http server: a client that stalls is dropped at the request timeout", "[transport]") {
  bot::HttpServerLimits limits;
  limits.request_timeout = 300ms;
  Served s([](bot::HttpRequest, bot::HttpServer::Respond respond) { respond(Text(200, "ok")); },
           1 << 20, limits);
  int idle = Connect(s.port);
  int trickling = Connect(s.port);
  REQUIRE(idle >= 0);
  REQUIRE(trickling >= 0);
  const auto start = std::chrono::steady_clock::now();
  // A byte every 100 ms keeps the connection busy but does not extend its deadline.
  const std::string head = "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n";
  bool dropped = false;
  for (char c : head + std::string(100, 'a')) {
    if (::send(trickling, &c, 1, MSG_NOSIGNAL) != 1) {
      dropped = true;
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  CHECK((dropped || ClosedByServer(trickling)));
  CHECK(ClosedByServer(idle));
  CHECK(std::chrono::steady_clock::now() - start < 3s);
  ::close(idle);
  ::close(trickling);
}

TEST_CASE("http server: connections over the cap are answered 503, the rest served",
          "[transport]") {
  bot::HttpServerLimits limits;
  limits.max_connections = 3;
  Served s([](bot::HttpRequest, bot::HttpServer::Respond respond) { respond(Text(200, "ok")); },
           1 << 20, limits);
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(Connect(s.port));
  int extra = Connect(s.port);
  REQUIRE(extra >= 0);
  CHECK(ReadStatusLine(extra).rfind("HTTP/1.1 503", 0) == 0);
  ::close(extra);
  for (int fd : held) ::close(fd);
  std::this_thread::sleep_for(100ms);  // the server sees the closes
  auto after = bot::MakeCpprestHttpClient()->Send("GET", s.Url("/"), {}, "", kTimeout);
  REQUIRE(after.ok());
  CHECK(after.value().status == 200);
}

TEST_CASE("http server: bodies held at once are bounded; one over the budget waits its turn",
          "[transport]") {
  bot::HttpServerLimits limits;
  limits.max_buffered_body_bytes = 1000;
  Served s([](bot::HttpRequest, bot::HttpServer::Respond respond) { respond(Text(200, "ok")); },
           1 << 20, limits);
  // 800 bytes announced and not yet sent hold 800 of the 1000.
  int slow = Connect(s.port);
  const std::string head = "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 800\r\n\r\n";
  REQUIRE(::send(slow, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()));
  std::this_thread::sleep_for(100ms);
  auto client = bot::MakeCpprestHttpClient();
  auto refused = client->Send("POST", s.Url("/x"), {}, std::string(300, 'x'), kTimeout);
  REQUIRE(refused.ok());
  CHECK(refused.value().status == 503);
  CHECK(bot::HeaderValue(refused.value().headers, "retry-after") == "1");
  auto fits = client->Send("POST", s.Url("/x"), {}, std::string(200, 'x'), kTimeout);
  REQUIRE(fits.ok());
  CHECK(fits.value().status == 200);
  const std::string body(800, 'y');
  REQUIRE(::send(slow, body.data(), body.size(), 0) == static_cast<ssize_t>(body.size()));
  CHECK(ReadStatusLine(slow).rfind("HTTP/1.1 200", 0) == 0);
  ::close(slow);
  auto now_fits = client->Send("POST", s.Url("/x"), {}, std::string(300, 'x'), kTimeout);
  REQUIRE(now_fits.ok());
  CHECK(now_fits.value().status == 200);
}
