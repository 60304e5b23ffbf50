// The IDLE thread against a real Dovecot: a delivered message calls
// on_mail within seconds; Stop while idle is prompt; a server that is down
// is one log line per try, without the password, and the thread goes on.
#include "integrations/mail/idle_watcher.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <thread>

#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/free_port.h"
#include "tests/integrations/mail/mail_samples.h"

using namespace srcbot;
using namespace srcbot::testing;
using std::chrono::milliseconds;

namespace {

std::unique_ptr<mail::ImapIdler> Idler(const std::string& url) {
  mail::IdleOptions o;
  o.url = url + "/INBOX";
  o.folder = "INBOX";
  o.connection.user = DovecotServer::kUser;
  o.connection.password = DovecotServer::kPassword;
  o.connection.connect_timeout = milliseconds(2000);
  o.connection.timeout = std::chrono::seconds(10);
  return std::move(mail::ImapIdler::Open(o)).value();
}

bool Eventually(const std::function<bool()>& done, milliseconds within) {
  auto end = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return done();
}

}  // namespace

TEST_CASE("idle watcher: mail wakes it, stop is prompt, errors are one line each",
          "[mail][imap][idle]") {
  DovecotServer server;
  core::Status started = server.Start();
  INFO(started.message());
  REQUIRE(started.ok());
  std::atomic<int> woken{0};
  std::mutex mu;
  std::vector<std::string> lines;
  auto log = [&](const std::string& l) {
    std::lock_guard<std::mutex> lock(mu);
    lines.push_back(l);
  };
  auto logged = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return lines;
  };

  // Short re-issue: the watcher goes through IDLE, DONE, IDLE while it waits.
  mail::IdleWatcher watcher(Idler(server.url()), [&] { ++woken; }, log, {milliseconds(700), milliseconds(500)});
  watcher.Start();
  std::this_thread::sleep_for(milliseconds(1500));
  CHECK(woken == 0);
  server.Deliver(PlainReport("watch-1@reporter.example", "Heap overflow"));
  CHECK(Eventually([&] { return woken >= 1; }, std::chrono::seconds(5)));
  auto before = std::chrono::steady_clock::now();
  watcher.Stop();
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(1));
  CHECK(logged().empty());

  // Nothing listens: logged, tried again after `retry`, never the password.
  mail::IdleWatcher down(Idler("imap://127.0.0.1:" + std::to_string(FreeLoopbackPort())), [&] { ++woken; },
                         log, {milliseconds(700), milliseconds(300)});
  down.Start();
  CHECK(Eventually([&] { return logged().size() >= 2; }, std::chrono::seconds(5)));
  down.Stop();
  for (const std::string& l : logged()) {
    CHECK_THAT(l, Catch::StartsWith("mail: IDLE failed") &&
                      !Catch::Contains(DovecotServer::kPassword));
  }
}
