// "No code path outside the guard can reach the Web API client" (issue 4),
// checked two ways: the compiler refuses to make a sink, a writing Web API
// client or a cleared ack text without the guard's key; and no source file
// but the Web API client names one of Slack's writing methods.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/console/console_workspace.h"
#include "bot/egress/embargo_guard.h"
#include "bot/slack_api/slack_sink.h"
#include "bot/slack_api/slack_web_api.h"

using namespace srcbot;

static_assert(!std::is_default_constructible_v<bot::EgressKey>);
static_assert(!std::is_copy_constructible_v<bot::EgressKey>);
static_assert(!std::is_constructible_v<bot::ClearedText, std::string>);
static_assert(!std::is_constructible_v<bot::ConsoleSink, std::ostream&>);
static_assert(!std::is_copy_constructible_v<bot::SlackSink>);

namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every C++ file of the product (tests and build trees left out), relative to the source dir.
std::vector<fs::path> ProductSources() {
  std::vector<fs::path> out;
  const fs::path root = SRCBOT_SOURCE_DIR;
  for (const char* dir : {"app", "bot", "commands", "config", "core", "integrations", "store"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".cc" || ext == ".h")) {
        out.push_back(fs::relative(e.path(), root));
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("egress: only the Web API client names Slack's writing methods", "[embargo]") {
  const std::vector<std::string> writing = {"chat.postMessage", "chat.postEphemeral",
                                            "chat.update",      "chat.scheduleMessage",
                                            "chat.meMessage",   "views.open",
                                            "views.push",       "views.update",
                                            "views.publish",    "files.upload",
                                            "files.completeUploadExternal"};
  std::vector<fs::path> sources = ProductSources();
  REQUIRE(sources.size() > 50);
  for (const fs::path& p : sources) {
    // The Web API client: its calls, and the list of the methods it calls.
    if (p == "bot/slack_api/slack_web_api.cc" || p == "bot/slack_api/slack_web_api_methods.cc") {
      continue;
    }
    std::string text = Read(fs::path(SRCBOT_SOURCE_DIR) / p);
    for (const std::string& method : writing) {
      // Mentions in comments are fine; a string literal is a call.
      INFO(p.string() << " names " << method);
      CHECK(text.find("\"" + method + "\"") == std::string::npos);
    }
  }
}

TEST_CASE("egress: the tests' key is named nowhere in the product", "[embargo]") {
  for (const fs::path& p : ProductSources()) {
    if (p == "bot/egress/egress_key.h") continue;  // declares the friend
    INFO(p.string());
    CHECK(Read(fs::path(SRCBOT_SOURCE_DIR) / p).find("TestEgress") == std::string::npos);
  }
}
