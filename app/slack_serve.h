#pragma once
// `srcbot serve` on Slack: wires the Web API client, the embargo guard, the
// outbox delivery loop and the inbound handler to one transport (Events API
// over HTTP, or Socket Mode), runs until SIGINT/SIGTERM, then shuts down in
// order: stop taking requests, finish delivering, close the store.

#include "config/options.h"
#include "core/time.h"

namespace srcbot::app {

// `mode` is "http" or "socket". Returns the process exit status.
int ServeSlack(const config::Config& config, const std::string& mode, const core::Clock& clock);

}  // namespace srcbot::app
