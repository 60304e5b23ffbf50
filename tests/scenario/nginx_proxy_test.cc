// docs/deploy/nginx.conf, run as written (with test paths and ports) by
// Debian's nginx on 127.0.0.1 in front of `srcbot serve --mode http`, with a
// throw-away self-signed certificate: a signed slash command goes through,
// anything but Slack's paths and /healthz is refused, big bodies stop at the
// proxy. scripts/setup.sh unpacks nginx into .tools/nginx.
#include <catch2/catch.hpp>

#include <cpprest/http_client.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <signal.h>

#include <sstream>
#include <thread>

#include "tests/fakes/child_process.h"
#include "tests/fakes/free_port.h"
#include "tests/fakes/temp_dir.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;
namespace fs = std::filesystem;

namespace {

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Replaces the one occurrence of `from`; fails the test when it is not there,
// so the file and the test cannot drift apart silently.
void ReplaceOnce(std::string& text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  INFO("docs/deploy/nginx.conf no longer contains: " << from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

fs::path Nginx() {
  for (fs::path p : {fs::path(SRCBOT_SOURCE_DIR) / ".tools/nginx/usr/sbin/nginx",
                     fs::path("/usr/sbin/nginx")}) {
    if (fs::exists(p)) return p;
  }
  return {};
}

struct Proxied {
  int status = 0;
  std::string body;
};

Proxied Send(int port, const std::string& method, const std::string& path, const std::string& body,
             const srcbot::bot::HttpHeaders& headers) {
  web::http::client::http_client_config config;
  config.set_validate_certificates(false);  // the throw-away certificate
  config.set_timeout(std::chrono::seconds(10));
  web::http::client::http_client client(U("https://127.0.0.1:" + std::to_string(port)), config);
  web::http::http_request request(method);
  request.set_request_uri(path);
  for (const auto& [name, value] : headers) request.headers().add(name, value);
  if (!body.empty()) request.set_body(body, headers.count("content-type") ? headers.at("content-type") : "text/plain");
  try {
    web::http::http_response response = client.request(request).get();
    return {response.status_code(), response.extract_utf8string(true).get()};
  } catch (const std::exception& e) {
    return {-1, e.what()};
  }
}

}  // namespace

TEST_CASE("nginx: the deploy configuration proxies a signed slash command over TLS", "[scenario]") {
  fs::path nginx = Nginx();
  INFO("nginx not found: run scripts/setup.sh (it unpacks Debian's nginx into .tools/nginx)");
  REQUIRE(!nginx.empty());

  Scenario s("http");
  REQUIRE(s.StartBot());
  TempDir dir;
  fs::path root = dir.File("nginx");
  fs::create_directories(root / "logs");
  std::string key = (root / "key.pem").string(), cert = (root / "cert.pem").string();
  std::string openssl = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
                        key + " -out " + cert + " >/dev/null 2>&1";
  REQUIRE(std::system(openssl.c_str()) == 0);

  const int port = FreeLoopbackPort();
  std::string conf = Read(fs::path(SRCBOT_SOURCE_DIR) / "docs/deploy/nginx.conf");
  ReplaceOnce(conf, "pid /run/nginx-srcbot.pid;", "pid " + (root / "nginx.pid").string() + ";");
  ReplaceOnce(conf, "error_log /var/log/nginx/srcbot-error.log warn;",
              "error_log " + (root / "logs/error.log").string() + " warn;");
  ReplaceOnce(conf, "access_log /var/log/nginx/srcbot-access.log;",
              "access_log " + (root / "logs/access.log").string() + ";\n  client_body_temp_path " +
                  (root / "body").string() + ";\n  proxy_temp_path " + (root / "proxy").string() +
                  ";\n  fastcgi_temp_path " + (root / "fastcgi").string() + ";\n  uwsgi_temp_path " +
                  (root / "uwsgi").string() + ";\n  scgi_temp_path " + (root / "scgi").string() + ";");
  ReplaceOnce(conf, "server 127.0.0.1:3000;", "server 127.0.0.1:" + std::to_string(s.http_port()) + ";");
  ReplaceOnce(conf, "listen 443 ssl;", "listen 127.0.0.1:" + std::to_string(port) + " ssl;");
  ReplaceOnce(conf, "/etc/ssl/srcbot/fullchain.pem", cert);
  ReplaceOnce(conf, "/etc/ssl/srcbot/privkey.pem", key);
  fs::copy_file(fs::path(SRCBOT_SOURCE_DIR) / "docs/deploy/srcbot-proxy.conf", root / "srcbot-proxy.conf");
  for (std::size_t at; (at = conf.find("/etc/nginx/srcbot-proxy.conf")) != std::string::npos;) {
    conf.replace(at, std::string("/etc/nginx/srcbot-proxy.conf").size(), (root / "srcbot-proxy.conf").string());
  }
  std::ofstream(root / "nginx.conf") << conf;

  ChildProcess proxy;
  REQUIRE(proxy.Start({nginx.string(), "-p", root.string(), "-c", (root / "nginx.conf").string(), "-e",
                       (root / "logs/error.log").string(), "-g", "daemon off; master_process off;"},
                      {"PATH=/usr/bin:/bin"}, dir.File("nginx.out")));
  Proxied health;
  for (int i = 0; i < 100 && health.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    health = Send(port, "GET", "/healthz", "", {});
  }
  INFO(proxy.Output() << Read(root / "logs/error.log"));
  REQUIRE(health.status == 200);

  std::string body = Scenario::FormBody({{"team_id", "T0"}, {"channel_id", kSrcChannel},
                                         {"user_id", kAlice}, {"command", "/src"},
                                         {"text", "report \"Through the proxy\""},
                                         {"api_app_id", "A0SRC"}});
  auto headers = Scenario::Signed(body, std::time(nullptr), "application/x-www-form-urlencoded");
  Proxied command = Send(port, "POST", "/slack/commands", body, headers);
  CHECK(command.status == 200);
  CHECK(s.WaitForPost(kSrcChannel, "New report SRC-1: Through the proxy"));

  // A forged signature is still refused by srcbot behind the proxy.
  headers["x-slack-signature"] = "v0=" + std::string(64, '0');
  CHECK(Send(port, "POST", "/slack/commands", body, headers).status == 401);
  // Only Slack's paths and /healthz are forwarded.
  CHECK(Send(port, "GET", "/metrics", "", {}).status == 404);
  CHECK(Send(port, "POST", "/slack/other", body, {}).status == 404);
  // Bodies over 1 MiB stop at the proxy.
  CHECK(Send(port, "POST", "/slack/commands", std::string(2 << 20, 'a'),
             {{"content-type", "application/x-www-form-urlencoded"}})
            .status == 413);
  proxy.Signal(SIGTERM);
  proxy.Wait(std::chrono::seconds(5));
}
