#pragma once
// `srcbot manifest`: the Slack app manifest for Socket Mode or HTTP mode, to
// paste into "Create an app → From a manifest" (docs/slack-setup.md).

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace srcbot::app {

// `mode` is "socket" or "http"; `base_url` (https://host, no trailing path) is
// required for http, where Slack needs the three request URLs, and ignored for
// socket. `project` names the app ("<project> SRC").
core::Result<nlohmann::json> SlackManifest(const std::string& mode, const std::string& base_url,
                                           const std::string& project);

}  // namespace srcbot::app
