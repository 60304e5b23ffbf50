// The App Home: what each person's view shows, and that it goes through the guard.
#include "bot/blocks/app_home.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "bot/blocks/home_publisher.h"
#include "tests/bot/inbound/inbound_fixture.h"

using namespace srcbot;
using std::chrono::hours;
using testing::Sent;

namespace {

struct HomeFixture : testing::InboundFixture {
  commands::ServiceOptions options{"CSRC", core::DeadlinePolicy{}};
  bot::AppHome home{store, guard, options};

  HomeFixture() {
    core::Case one;
    one.id = 1;
    one.title = "Canary one";
    one.received_at = clock.Now() - hours(30);  // acknowledgement overdue
    one.team = {{"UDANA", false, true, false, ""}};
    store.cases[1] = one;
    core::Case two;
    two.id = 2;
    two.title = "Canary two";
    two.received_at = clock.Now() - hours(2);
    two.lead = "UBOB";
    store.cases[2] = two;
  }

  std::vector<Sent> Homes() const {
    std::vector<Sent> out;
    for (const Sent& s : *sent) {
      if (s.kind == "home") out.push_back(s);
    }
    return out;
  }
};

nlohmann::json HomeOpened(const std::string& user, const std::string& id) {
  return {
      {"type", "event_callback"},
      {"api_app_id", "AAPP"},
      {"event_id", id},
      {"event", {{"type", "app_home_opened"}, {"user", user}, {"channel", "D1"}, {"tab", "home"}}}};
}

}  // namespace

TEST_CASE("app home: an SRC member sees every open case, overdue first, with the on-call",
          "[bot]") {
  HomeFixture f;
  CHECK(f.home.Publish("UALICE", f.clock.Now()) == bot::GuardOutcome::kSent);
  auto homes = f.Homes();
  REQUIRE(homes.size() == 1);
  CHECK(homes[0].user == "UALICE");
  const std::string& view = homes[0].text;
  CHECK(view.find("\"type\":\"home\"") != std::string::npos);
  CHECK(view.find("*Open cases* (2)") != std::string::npos);
  CHECK(view.find("*Your cases*") == std::string::npos);  // alice leads none
  CHECK(view.find("*acknowledge overdue* by 6h 0m") != std::string::npos);
  CHECK(view.find("Canary one") < view.find("Canary two"));
  CHECK(view.find("*On call:* nobody") != std::string::npos);
  CHECK(view.find("▓▓▓▓▓▓▓▓▓▓") != std::string::npos);
}

TEST_CASE("app home: an SRC member's own cases come first", "[bot]") {
  HomeFixture f;
  CHECK(f.home.Publish("UBOB", f.clock.Now()) == bot::GuardOutcome::kSent);
  const std::string view = f.Homes().at(0).text;
  CHECK(view.find("*Your cases* (1)") < view.find("*Open cases* (2)"));
  CHECK(view.find("Canary two") < view.find("*Open cases*"));
}

TEST_CASE("app home: a fix-team member outside the SRC sees only their case", "[bot]") {
  HomeFixture f;
  CHECK(f.home.Publish("UDANA", f.clock.Now()) == bot::GuardOutcome::kSent);
  auto homes = f.Homes();
  REQUIRE(homes.size() == 1);
  CHECK(homes[0].text.find("*Your cases* (1)") != std::string::npos);
  CHECK(homes[0].text.find("Canary one") != std::string::npos);
  CHECK(homes[0].text.find("Canary two") == std::string::npos);
  // The guard judged it for that case, as a view for that one person.
  auto decisions = f.store.Decisions(1);
  REQUIRE(decisions.ok());
  REQUIRE_FALSE(decisions.value().empty());
  CHECK(decisions.value().back().kind == "home");
  CHECK(decisions.value().back().outcome == "sent");
  CHECK(decisions.value().back().recipient == "UDANA");
  CHECK(f.store.Decisions(2).value().empty());
}

TEST_CASE("app home: anyone else sees help, and the guard refuses them case details", "[bot]") {
  HomeFixture f;
  CHECK(f.home.Publish("UEVE", f.clock.Now()) == bot::GuardOutcome::kSent);
  auto homes = f.Homes();
  REQUIRE(homes.size() == 1);
  CHECK(homes[0].text.find("/src help") != std::string::npos);
  CHECK(homes[0].text.find("Canary") == std::string::npos);
  // A view naming a case they are not on never leaves.
  nlohmann::json leaky =
      bot::HomeView({"UEVE", true, {f.store.cases[2]}, "", "", {}, f.clock.Now()}, {});
  CHECK(f.guard.PublishHome("UEVE", leaky, {2}) == bot::GuardOutcome::kRefused);
  CHECK(f.guard.PublishHome("UDANA", leaky, {2}) == bot::GuardOutcome::kRefused);
  CHECK(f.Homes().size() == 1);
}

TEST_CASE("app home: app_home_opened asks for the opener's view, once per event", "[bot]") {
  HomeFixture f;
  std::vector<core::UserId> opened;
  f.inbound.SetHomeOpenedHandler([&](const core::UserId& user) { opened.push_back(user); });
  f.inbound.OnEvent(HomeOpened("UDANA", "Ev1"));
  f.inbound.OnEvent(HomeOpened("UDANA", "Ev1"));  // a retry
  nlohmann::json messages_tab = HomeOpened("UBOB", "Ev2");
  messages_tab["event"]["tab"] = "messages";
  f.inbound.OnEvent(messages_tab);
  CHECK(opened == std::vector<core::UserId>{"UDANA"});
}

TEST_CASE("app home: the publisher publishes off the event's thread", "[bot]") {
  HomeFixture f;
  std::atomic<bool> done{false};
  std::thread::id on;
  bot::HomePublisher publisher([&](const core::UserId& user) {
    (void)f.home.Publish(user, f.clock.Now());
    on = std::this_thread::get_id();
    done = true;
  });
  publisher.Start();
  f.inbound.SetHomeOpenedHandler([&](const core::UserId& user) { publisher.Request(user); });
  f.inbound.OnEvent(HomeOpened("UALICE", "Ev3"));
  // The fakes are not thread-safe: nothing here touches them until it is done.
  for (int i = 0; i < 500 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  publisher.Stop();
  REQUIRE(done);
  CHECK(on != std::this_thread::get_id());
  REQUIRE(f.Homes().size() == 1);
  CHECK(f.Homes()[0].user == "UALICE");
}

TEST_CASE("app home: the progress bar", "[bot]") {
  core::TimePoint t = testing::TestNow();
  CHECK(bot::ProgressBar(t, t + hours(10), t) == "░░░░░░░░░░");
  CHECK(bot::ProgressBar(t, t + hours(10), t + hours(3)) == "▓▓▓░░░░░░░");
  CHECK(bot::ProgressBar(t, t + hours(10), t + hours(11)) == "▓▓▓▓▓▓▓▓▓▓");
}
