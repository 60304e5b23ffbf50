#include "bot/observability/metrics.h"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "bot/slack_api/slack_web_api.h"
#include "commands/verb_table.h"
#include "tests/fakes/exposition_parser.h"

using namespace srcbot;
using testing::ParseExposition;

namespace {

std::vector<std::string> VerbNames() {
  std::vector<std::string> names;
  for (const commands::Verb& verb : commands::Verbs()) names.emplace_back(verb.name);
  return names;
}

// A monotonic clock the test moves.
struct StepClock {
  std::chrono::steady_clock::time_point now{};
  bot::MonotonicNow fn() {
    return [this] { return now; };
  }
};

// The label values each family may show; anything else is a leak.
void CheckLabelsAreClosed(const testing::Exposition& e) {
  std::set<std::string> verbs;
  for (const std::string& v : VerbNames()) verbs.insert(v);
  verbs.insert("unknown");
  const std::set<std::string> outcomes = {"ok", "error"};
  const std::set<std::string> methods(bot::Metrics::SlackMethods().begin(),
                                      bot::Metrics::SlackMethods().end());
  const std::set<std::string> results = {"ok", "error", "ratelimited"};
  const std::set<std::string> verdicts = {"sent", "held", "refused"};
  for (const testing::PromSample& s : e.samples) {
    INFO(s.name);
    for (const auto& [label, value] : s.labels) {
      INFO(label << "=" << value);
      if (s.name == "srcbot_commands_total" && label == "verb") {
        CHECK(verbs.count(value) == 1);
      } else if (s.name == "srcbot_commands_total" && label == "outcome") {
        CHECK(outcomes.count(value) == 1);
      } else if (s.name == "srcbot_slack_calls_total" && label == "method") {
        CHECK(methods.count(value) == 1);
      } else if (s.name == "srcbot_slack_calls_total" && label == "result") {
        CHECK(results.count(value) == 1);
      } else if (s.name == "srcbot_embargo_decisions_total" && label == "verdict") {
        CHECK(verdicts.count(value) == 1);
      } else {
        // Only histogram buckets carry another label.
        CHECK(label == "le");
        CHECK(s.name.ends_with("_bucket"));
      }
    }
  }
}

}  // namespace

TEST_CASE("metrics: the exposition parses back, with every family srcbot documents", "[metrics]") {
  bot::Metrics metrics(VerbNames());
  metrics.SetOutboxProbe([] { return bot::OutboxGauges{3, 42}; });
  std::string text = metrics.Render();
  auto e = ParseExposition(text);
  INFO(text);
  INFO(Catch::Detail::stringify(e.errors));
  CHECK(e.errors.empty());
  const std::map<std::string, std::string> expected = {
      {"srcbot_commands_total", "counter"},
      {"srcbot_ack_seconds", "histogram"},
      {"srcbot_outbox_pending", "gauge"},
      {"srcbot_outbox_oldest_pending_seconds", "gauge"},
      {"srcbot_slack_calls_total", "counter"},
      {"srcbot_slack_ratelimited_total", "counter"},
      {"srcbot_embargo_decisions_total", "counter"},
      {"srcbot_socket_reconnects_total", "counter"},
      {"srcbot_reminders_fired_total", "counter"},
      {"srcbot_scheduler_tick_seconds", "histogram"}};
  CHECK(e.families.size() == expected.size());
  for (const auto& [name, type] : expected) {
    INFO(name);
    REQUIRE(e.families.count(name) == 1);
    CHECK(e.families.at(name).type == type);
    CHECK_FALSE(e.families.at(name).help.empty());
  }
  CHECK(e.Value("srcbot_outbox_pending") == 3);
  CHECK(e.Value("srcbot_outbox_oldest_pending_seconds") == 42);
  // Every series exists before anything happened.
  CHECK(e.Value("srcbot_commands_total", {{"verb", "ack"}, {"outcome", "ok"}}) == 0);
  CHECK(e.Value("srcbot_slack_calls_total",
                {{"method", "chat.postMessage"}, {"result", "ratelimited"}}) == 0);
  CHECK(e.Value("srcbot_embargo_decisions_total", {{"verdict", "refused"}}) == 0);
  CHECK(e.Value("srcbot_ack_seconds_count") == 0);
  CheckLabelsAreClosed(e);
}

TEST_CASE("metrics: hostile label values never reach the exposition", "[metrics]") {
  bot::Metrics metrics(VerbNames());
  // What a careless caller could pass: a command's arguments, ids, a case title.
  metrics.CommandHandled("report \"CANARY-TITLE\"", true);
  metrics.CommandHandled("U0ALICE", false);
  metrics.SlackCall("chat.postMessage?channel=C0SRC", bot::SlackCallResult::kOk);
  metrics.SlackCall("CANARY-METHOD", bot::SlackCallResult::kError);
  std::string text = metrics.Render();
  for (const char* canary : {"CANARY", "U0ALICE", "C0SRC", "report \""}) {
    INFO(canary);
    CHECK(text.find(canary) == std::string::npos);
  }
  auto e = ParseExposition(text);
  CHECK(e.errors.empty());
  CHECK(e.Value("srcbot_commands_total", {{"verb", "unknown"}, {"outcome", "ok"}}) == 1);
  CHECK(e.Value("srcbot_commands_total", {{"verb", "unknown"}, {"outcome", "error"}}) == 1);
  CHECK(e.Value("srcbot_slack_calls_total", {{"method", "other"}, {"result", "ok"}}) == 1);
  CHECK(e.Value("srcbot_slack_calls_total", {{"method", "other"}, {"result", "error"}}) == 1);
  CheckLabelsAreClosed(e);
}

TEST_CASE("metrics: each recording method moves its own series", "[metrics]") {
  StepClock clock;
  bot::Metrics metrics(VerbNames(), clock.fn());
  metrics.CommandHandled("ack", true);
  metrics.CommandHandled("ack", false);
  metrics.AckBuilt(std::chrono::milliseconds(20));
  metrics.SlackCall("views.open", bot::SlackCallResult::kRateLimited);
  metrics.SlackRateLimited();
  metrics.EmbargoDecision(bot::EmbargoVerdict::kHeld);
  metrics.SocketReconnected();
  metrics.RemindersFired(3);
  metrics.RemindersFired(0);
  metrics.SchedulerTick(std::chrono::milliseconds(7));
  auto e = ParseExposition(metrics.Render());
  CHECK(e.errors.empty());
  CHECK(e.Value("srcbot_commands_total", {{"verb", "ack"}, {"outcome", "ok"}}) == 1);
  CHECK(e.Value("srcbot_commands_total", {{"verb", "ack"}, {"outcome", "error"}}) == 1);
  CHECK(e.Value("srcbot_ack_seconds_count") == 1);
  CHECK(e.Value("srcbot_ack_seconds_sum") == Approx(0.02));
  CHECK(e.Value("srcbot_ack_seconds_bucket", {{"le", "0.025"}}) == 1);
  CHECK(e.Value("srcbot_ack_seconds_bucket", {{"le", "0.01"}}) == 0);
  CHECK(e.Value("srcbot_slack_calls_total",
                {{"method", "views.open"}, {"result", "ratelimited"}}) == 1);
  CHECK(e.Value("srcbot_slack_ratelimited_total") == 1);
  CHECK(e.Value("srcbot_embargo_decisions_total", {{"verdict", "held"}}) == 1);
  CHECK(e.Value("srcbot_socket_reconnects_total") == 1);
  CHECK(e.Value("srcbot_reminders_fired_total") == 3);
  CHECK(e.Value("srcbot_scheduler_tick_seconds_count") == 1);
  CHECK(e.Value("srcbot_scheduler_tick_seconds_bucket", {{"le", "0.01"}}) == 1);
  clock.now += std::chrono::seconds(2);
  CHECK(metrics.Now() - std::chrono::steady_clock::time_point{} == std::chrono::seconds(2));
}

TEST_CASE("metrics: the outbox gauges are left out when the store cannot answer", "[metrics]") {
  bot::Metrics metrics(VerbNames());
  int scrapes = 0;
  metrics.SetOutboxProbe([&]() -> std::optional<bot::OutboxGauges> {
    ++scrapes;
    return std::nullopt;
  });
  auto e = ParseExposition(metrics.Render());
  CHECK(e.errors.empty());
  CHECK(scrapes == 1);
  CHECK(e.families.count("srcbot_outbox_pending") == 0);
  CHECK(e.families.count("srcbot_commands_total") == 1);
}

TEST_CASE("metrics: a command's verb label is the table's name, never its arguments", "[metrics]") {
  CHECK(bot::CommandVerbLabel("ack SRC-1") == "ack");
  CHECK(bot::CommandVerbLabel("  report \"Heap overflow in parser\" --severity high") == "report");
  CHECK(bot::CommandVerbLabel("") == "help");
  CHECK(bot::CommandVerbLabel("   ") == "help");
  CHECK(bot::CommandVerbLabel("Heap overflow in parser") == "unknown");
  CHECK(bot::CommandVerbLabel("ACK SRC-1") == "unknown");
  CHECK(bot::CommandVerbLabel("report \"unterminated") == "unknown");
  CHECK(bot::CommandVerbLabel("<@U0ALICE|alice> ack") == "unknown");
}

TEST_CASE("metrics: the method label knows every method the Web API client calls", "[metrics]") {
  std::ifstream in(std::string(SRCBOT_SOURCE_DIR) + "/bot/slack_api/slack_web_api.cc");
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  const std::vector<std::string>& methods = bot::Metrics::SlackMethods();
  std::regex call(R"re(Call\("([a-zA-Z.]+)")re");
  int calls = 0;
  for (std::sregex_iterator it(source.begin(), source.end(), call), end; it != end; ++it) {
    ++calls;
    INFO((*it)[1]);
    CHECK(std::find(methods.begin(), methods.end(), (*it)[1].str()) != methods.end());
  }
  CHECK(calls >= 11);
  CHECK(methods.back() == "other");
}
