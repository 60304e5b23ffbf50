// The effective configuration: --print-config and RenderConfig (secrets
// redacted, the output reads back as the same Config), and EffectiveMode.
#include "config/options.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/config/options_fixture.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::config {
namespace {

using options_fixture::MustFail;
using options_fixture::MustParse;
using options_fixture::Run;
using options_fixture::Strings;
using options_fixture::Write;
using srcbot::testing::TempDir;

}  // namespace

TEST_CASE("config: --print-config redacts secrets and shows the rest") {
  TempDir dir;
  const std::string file = Write(dir, "f.toml", "github_token = \"ghp-file-secret\"\n");
  ParseOutcome outcome =
      Run({"serve", "--slack-bot-token", "xoxb-flag-secret", "--admins", "U1,U2", "--config", file,
           "--print-config", "--github-poll-minutes", "0.5"},
          {{"SLACK_SIGNING_SECRET", "env-signing-secret"}, {"SRCBOT_DB", "/data/srcbot.db"}});
  CHECK(outcome.exit_code == 0);
  CHECK_FALSE(outcome.to_stderr);
  CHECK_FALSE(outcome.invocation);
  const std::string& out = outcome.output;
  for (const char* value : {"xoxb-flag-secret", "ghp-file-secret", "env-signing-secret"}) {
    CHECK(out.find(value) == std::string::npos);
  }
  for (const char* line :
       {"slack_signing_secret = \"***\"\n", "slack_bot_token = \"***\"\n",
        "github_token = \"***\"\n", "slack_app_token = \"\"\n", "db = \"/data/srcbot.db\"\n",
        "admins = [\"U1\", \"U2\"]\n", "github_poll_minutes = 0.5\n", "tick_seconds = 30\n",
        "mode = \"auto\"\n", "holidays = []\n", "http_request_timeout = 10\n"}) {
    CHECK(out.find(line) != std::string::npos);
  }
}

TEST_CASE("config: RenderConfig shows all four secrets as *** when set") {
  Config c = DefaultConfig();
  c.slack_signing_secret = "sig-value";
  c.slack_bot_token = "bot-value";
  c.slack_app_token = "app-value";
  c.github_token = "gh-value";
  const std::string out = RenderConfig(c);
  CHECK(out.find("-value") == std::string::npos);
  for (const char* key :
       {"slack_signing_secret", "slack_bot_token", "slack_app_token", "github_token"}) {
    CHECK(out.find(std::string(key) + " = \"***\"\n") != std::string::npos);
  }
  CHECK(std::count(out.begin(), out.end(), '\n') == 38);  // one line per option
  CHECK(MustFail({"--print-config", "--tick-seconds", "x"}).find("tick-seconds") !=
        std::string::npos);
}

TEST_CASE("config: printed config reads back as the same configuration") {
  TempDir dir;
  const Strings args = {"serve",
                        "--mode",
                        "http",
                        "--listen",
                        "[::1]:8080",
                        "--project",
                        "say \"hi\" \\o/",
                        "--admins",
                        "U1,U2",
                        "--holidays",
                        "2026-12-25",
                        "--github-repos",
                        "sigstore/cosign",
                        "--github-poll-minutes",
                        "0.25",
                        "--release-hour-utc",
                        "0",
                        "--metrics-listen",
                        "0.0.0.0:9100"};
  Strings printing = args;
  printing.push_back("--print-config");
  ParseOutcome printed = Run(printing);
  REQUIRE(printed.exit_code == 0);
  const std::string file = Write(dir, "round.toml", printed.output);
  CHECK(MustParse({"serve", "--config", file}) == MustParse(args));
}

TEST_CASE("config: EffectiveMode resolves auto from the secrets") {
  Config c = DefaultConfig();
  CHECK(EffectiveMode(c) == "console");
  c.slack_signing_secret = "s";
  CHECK(EffectiveMode(c) == "http");
  c.slack_app_token = "xapp";
  CHECK(EffectiveMode(c) == "socket");
  c.mode = "http";
  CHECK(EffectiveMode(c) == "http");
}

}  // namespace srcbot::config
