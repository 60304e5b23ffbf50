#pragma once
// Metrics: what srcbot counts and measures, served as Prometheus text at
// GET /metrics (bot/observability/metrics_endpoint.h). docs/monitoring.md lists every metric,
// its labels and what to alert on.
//
// No label can hold a case detail, a channel id or a user id: each label takes
// its values from a closed set fixed here (or, for the verb, from the verb
// table handed to the constructor); anything else is counted under "unknown"
// ("other" for Web API methods). Every series exists, at 0, from the start.
//
// Ownership: main makes one Metrics and hands a pointer to each object that
// reports (SlackInbound, HttpEndpoint, SocketModeClient, SlackWebApi,
// EmbargoGuard); a null pointer means "report nothing", which is what tests
// and the console get. The outbox gauges are read at scrape time through a
// probe set before serving.
// Thread safety: every method may be called from any thread; SetOutboxProbe
// only before the first Render.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/observability/prometheus.h"
#include "bot/runtime/backoff.h"

namespace srcbot::bot {

enum class SlackCallResult { kOk, kError, kRateLimited };
enum class EmbargoVerdict { kSent, kHeld, kRefused };

// What the outbox gauges show, read from the store at scrape time.
struct OutboxGauges {
  std::int64_t pending = 0;
  double oldest_pending_seconds = 0;  // 0 when nothing is pending
};

class Metrics {
 public:
  // `verbs`: the allowed values of the `verb` label (commands::Verbs() names).
  // `now`: monotonic time for the durations; empty means the real clock.
  explicit Metrics(const std::vector<std::string>& verbs, MonotonicNow now = {});

  // srcbot_commands_total{verb,outcome}: one /src command answered.
  void CommandHandled(std::string_view verb, bool ok);
  // srcbot_ack_seconds: the time from receiving a Slack request (HTTP or
  // Socket Mode) to having its ack ready.
  void AckBuilt(std::chrono::steady_clock::duration took);
  // srcbot_slack_calls_total{method,result}: one Web API call, retries included.
  void SlackCall(std::string_view method, SlackCallResult result);
  // srcbot_slack_ratelimited_total: one HTTP 429 or `ratelimited` answer.
  void SlackRateLimited();
  // srcbot_embargo_decisions_total{verdict}: one guard decision about a case.
  void EmbargoDecision(EmbargoVerdict verdict);
  // srcbot_socket_reconnects_total: a Socket Mode connection replaced an earlier one.
  void SocketReconnected();
  // srcbot_reminders_fired_total: `n` reminder posts queued by a tick.
  void RemindersFired(int n);
  // srcbot_scheduler_tick_seconds: how long one scheduler tick took.
  void SchedulerTick(std::chrono::steady_clock::duration took);

  // For timing: the monotonic clock the durations above are measured with.
  std::chrono::steady_clock::time_point Now() const { return now_(); }

  // srcbot_outbox_pending and srcbot_outbox_oldest_pending_seconds come from
  // `probe`, called at each Render; when it returns nullopt (the store could
  // not answer) the two gauges are left out of that scrape.
  using OutboxProbe = std::function<std::optional<OutboxGauges>()>;
  void SetOutboxProbe(OutboxProbe probe) { outbox_probe_ = std::move(probe); }

  // srcbot_build_info{version,commit} 1: which build is running. Both values
  // are the build's own (config/version.h), never input; set before serving.
  void SetBuildInfo(std::string version, std::string commit) {
    build_version_ = std::move(version);
    build_commit_ = std::move(commit);
  }

  // The whole exposition, text format 0.0.4.
  std::string Render() const;

  // The families, for tests.
  const CounterFamily& commands() const { return commands_; }
  const CounterFamily& slack_calls() const { return slack_calls_; }
  const CounterFamily& slack_ratelimited() const { return slack_ratelimited_; }
  const CounterFamily& embargo_decisions() const { return embargo_decisions_; }
  const CounterFamily& socket_reconnects() const { return socket_reconnects_; }
  const CounterFamily& reminders_fired() const { return reminders_fired_; }
  const Histogram& ack_seconds() const { return ack_seconds_; }
  const Histogram& scheduler_tick_seconds() const { return scheduler_tick_seconds_; }

  // The closed sets, for tests and docs.
  static const std::vector<std::string>& SlackMethods();
  static const std::vector<std::string>& SlackResults();
  static const std::vector<std::string>& Verdicts();

 private:
  MonotonicNow now_;
  std::string build_version_;
  std::string build_commit_;
  CounterFamily commands_;
  Histogram ack_seconds_;
  CounterFamily slack_calls_;
  CounterFamily slack_ratelimited_;
  CounterFamily embargo_decisions_;
  CounterFamily socket_reconnects_;
  CounterFamily reminders_fired_;
  Histogram scheduler_tick_seconds_;
  OutboxProbe outbox_probe_;
};

// The `verb` label of a /src command line: the verb's name when the first word
// names one ("help" for an empty line), else "unknown". Never the arguments.
std::string CommandVerbLabel(const std::string& text);

}  // namespace srcbot::bot
