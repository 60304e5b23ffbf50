#include "bot/observability/metrics.h"

#include "bot/slack_api/slack_web_api_methods.h"
#include "commands/tokenizer.h"
#include "commands/verb_table.h"

namespace srcbot::bot {
namespace {

using Seconds = std::chrono::duration<double>;

// Slack answers a request that took more than 3 s as failed (SLACK.md §1):
// the buckets are dense below that and stop soon after.
const std::vector<double> kAckBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5};
// A tick reads the due cases and commits their posts: milliseconds normally,
// seconds when the database is busy.
const std::vector<double> kTickBounds = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30};

std::vector<std::string> WithUnknown(std::vector<std::string> values) {
  values.push_back("unknown");
  return values;
}

}  // namespace

const std::vector<std::string>& Metrics::SlackMethods() {
  // Every method SlackWebApi calls (named there only); anything else is "other".
  static const std::vector<std::string> kMethods = [] {
    std::vector<std::string> methods = SlackWebApiMethods();
    methods.push_back("other");
    return methods;
  }();
  return kMethods;
}

const std::vector<std::string>& Metrics::SlackResults() {
  static const std::vector<std::string> kResults = {"ok", "error", "ratelimited"};
  return kResults;
}

const std::vector<std::string>& Metrics::Verdicts() {
  static const std::vector<std::string> kVerdicts = {"sent", "held", "refused"};
  return kVerdicts;
}

Metrics::Metrics(const std::vector<std::string>& verbs, MonotonicNow now)
    : now_(now ? std::move(now) : RealMonotonicNow()),
      commands_("srcbot_commands_total", "/src commands answered, by verb and outcome.",
                {{"verb", WithUnknown(verbs), "unknown"}, {"outcome", {"ok", "error"}, "error"}}),
      ack_seconds_("srcbot_ack_seconds",
                   "Time from receiving a Slack request to having its ack ready (HTTP and "
                   "Socket Mode).",
                   kAckBounds),
      slack_calls_("srcbot_slack_calls_total",
                   "Slack Web API calls (retries included), by method and final result.",
                   {{"method", SlackMethods(), "other"}, {"result", SlackResults(), "error"}}),
      slack_ratelimited_("srcbot_slack_ratelimited_total",
                         "Slack answers that asked srcbot to slow down (HTTP 429 or ratelimited).",
                         {}),
      embargo_decisions_("srcbot_embargo_decisions_total",
                         "Embargo guard decisions about messages naming a case, by verdict.",
                         {{"verdict", Verdicts(), "held"}}),
      socket_reconnects_("srcbot_socket_reconnects_total",
                         "Socket Mode connections that replaced an earlier one.", {}),
      reminders_fired_("srcbot_reminders_fired_total", "Reminder posts queued by the scheduler.",
                       {}),
      scheduler_tick_seconds_("srcbot_scheduler_tick_seconds",
                              "Duration of one scheduler tick (reminders and committee deadlines).",
                              kTickBounds) {}

void Metrics::CommandHandled(std::string_view verb, bool ok) {
  commands_.Inc({verb, ok ? "ok" : "error"});
}

void Metrics::AckBuilt(std::chrono::steady_clock::duration took) {
  ack_seconds_.Observe(std::chrono::duration_cast<Seconds>(took).count());
}

void Metrics::SlackCall(std::string_view method, SlackCallResult result) {
  static constexpr std::string_view kNames[] = {"ok", "error", "ratelimited"};
  slack_calls_.Inc({method, kNames[static_cast<int>(result)]});
}

void Metrics::SlackRateLimited() { slack_ratelimited_.Inc({}); }

void Metrics::EmbargoDecision(EmbargoVerdict verdict) {
  static constexpr std::string_view kNames[] = {"sent", "held", "refused"};
  embargo_decisions_.Inc({kNames[static_cast<int>(verdict)]});
}

void Metrics::SocketReconnected() { socket_reconnects_.Inc({}); }

void Metrics::RemindersFired(int n) {
  if (n > 0) reminders_fired_.Inc({}, static_cast<std::uint64_t>(n));
}

void Metrics::SchedulerTick(std::chrono::steady_clock::duration took) {
  scheduler_tick_seconds_.Observe(std::chrono::duration_cast<Seconds>(took).count());
}

std::string Metrics::Render() const {
  std::string out;
  if (!build_version_.empty()) {
    out += "# HELP srcbot_build_info The running build: its version and git commit.\n"
           "# TYPE srcbot_build_info gauge\n"
           "srcbot_build_info{version=\"" + build_version_ + "\",commit=\"" + build_commit_ +
           "\"} 1\n";
  }
  commands_.Render(&out);
  ack_seconds_.Render(&out);
  if (outbox_probe_) {
    if (std::optional<OutboxGauges> outbox = outbox_probe_()) {
      RenderGauge(&out, "srcbot_outbox_pending", "Outbox messages waiting for delivery.",
                  static_cast<double>(outbox->pending));
      RenderGauge(&out, "srcbot_outbox_oldest_pending_seconds",
                  "Age of the oldest outbox message waiting for delivery (0 when none).",
                  outbox->oldest_pending_seconds);
    }
  }
  slack_calls_.Render(&out);
  slack_ratelimited_.Render(&out);
  embargo_decisions_.Render(&out);
  socket_reconnects_.Render(&out);
  reminders_fired_.Render(&out);
  scheduler_tick_seconds_.Render(&out);
  return out;
}

std::string CommandVerbLabel(const std::string& text) {
  auto tokens = commands::Tokenize(text);
  if (!tokens.ok()) return "unknown";
  // An empty line runs `help` (CommandService does the same).
  if (tokens.value().empty()) return "help";
  // The label is the table's own name, never the typed text.
  const commands::Verb* verb = commands::FindVerb(tokens.value().front().value);
  return verb != nullptr ? std::string(verb->name) : "unknown";
}

}  // namespace srcbot::bot
