#pragma once
// The names of the Web API methods SlackWebApi calls, reading and writing.
//
// A library of its own (srcbot_slack_web_api_methods, no dependencies) so that
// Metrics (bot/observability/metrics.cc) can fix its `method` label from it
// while SlackWebApi reports to Metrics: in srcbot_slack_api it would make the
// two libraries depend on each other.

#include <string>
#include <vector>

namespace srcbot::bot {

// Every Web API method this client calls, reading and writing: the closed set
// of the `method` label of srcbot_slack_calls_total (bot/observability/metrics.h).
const std::vector<std::string>& SlackWebApiMethods();

}  // namespace srcbot::bot
