#pragma once
// The command layer's options, from the configuration (one place for serve
// and the console).

#include <string>

#include "commands/verb.h"
#include "config/options.h"

namespace srcbot::app {

// `src`, `general`, `development`: the channel ids (the console has its own).
commands::ServiceOptions ServiceOptionsFrom(const config::Config& cfg, std::string src,
                                            std::string general, std::string development);

}  // namespace srcbot::app
