// ParseCommandLine's usage errors: one line, exit 2, naming where the bad value
// came from, and never echoing a secret.
#include "config/options.h"

#include <catch2/catch.hpp>

#include <vector>

#include "tests/config/options_fixture.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::config {
namespace {

using options_fixture::MustFail;
using options_fixture::Strings;
using options_fixture::Vars;
using options_fixture::Write;
using srcbot::testing::TempDir;

}  // namespace

TEST_CASE("config: bad values are one line, exit 2, naming where they came from") {
  TempDir dir;
  struct Case {
    Strings args;
    Vars env;
    std::string file;  // config file text, "" for none
    std::string line;
  };
  const std::vector<Case> cases = {
      {{"--tick-seconds", "abc"},
       {},
       "",
       "srcbot: --tick-seconds: expected a whole number > 0, got \"abc\""},
      {{"--tick-seconds", "0"},
       {},
       "",
       "srcbot: --tick-seconds: expected a whole number > 0, got \"0\""},
      {{},
       {{"SRCBOT_TICK_SECONDS", "-3"}},
       "",
       "srcbot: SRCBOT_TICK_SECONDS: expected a whole number > 0, got \"-3\""},
      {{},
       {},
       "\ntick_seconds = 1.5\n",
       ":2: tick_seconds: expected a whole number > 0, got \"1.5\""},
      {{"--release-hour-utc", "24"},
       {},
       "",
       "srcbot: --release-hour-utc: expected a whole number from 0 to 23, got \"24\""},
      {{"--mode", "carrier-pigeon"},
       {},
       "",
       "srcbot: --mode: expected auto, http, socket or console, got \"carrier-pigeon\""},
      {{"--log-level", "loud"},
       {},
       "",
       "srcbot: --log-level: expected trace, debug, info, warn or error, got \"loud\""},
      {{"--listen", "localhost"},
       {},
       "",
       "srcbot: --listen: expected host:port with a port from 1 to 65535, got \"localhost\""},
      {{"--listen", ":3000"}, {}, "", "got \":3000\""},
      {{"--listen", "host:70000"}, {}, "", "got \"host:70000\""},
      {{},
       {{"SRCBOT_METRICS_LISTEN", "nope"}},
       "",
       "srcbot: SRCBOT_METRICS_LISTEN: expected host:port"},
      {{"--github-poll-minutes", "0"},
       {},
       "",
       "srcbot: --github-poll-minutes: expected a number > 0 (fractions allowed), got \"0\""},
      {{"--github-poll-minutes", "nan"}, {}, "", "got \"nan\""},
      {{"--holidays", "2026-12-25,2026-02-30"},
       {},
       "",
       "srcbot: --holidays: expected dates as YYYY-MM-DD, got \"2026-02-30\""},
      {{}, {}, "holidays = [\"25/12/2026\"]\n", ":1: holidays: expected dates as YYYY-MM-DD"},
      {{"--github-repos", "sigstore"},
       {},
       "",
       "srcbot: --github-repos: expected repositories as owner/name, got \"sigstore\""},
      {{"--github-repos", "a/b/c"}, {}, "", "got \"a/b/c\""},
      {{"--github-repos", "/b"}, {}, "", "got \"/b\""},
      {{"--slack-api-url", "slack.com"},
       {},
       "",
       "srcbot: --slack-api-url: expected an http:// or https:// URL, got \"slack.com\""},
      {{"--db", ""}, {}, "", "srcbot: --db: expected a non-empty value, got \"\""},
      {{}, {}, "db = [\"a\"]\n", ":1: db: expected a single value, not an array"},
      {{}, {}, "frobnicate = 1\n", ":1: unknown key \"frobnicate\""},
      {{}, {}, "db = \"x\"\n[slack]\n", ":2: tables ([section]) are not supported"},
  };
  for (const Case& c : cases) {
    Strings args = {"serve"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    if (!c.file.empty()) args.insert(args.end(), {"--config", Write(dir, "bad.toml", c.file)});
    INFO(c.line);
    std::string line = MustFail(args, c.env);
    CHECK(line.find(c.line) != std::string::npos);
    if (!c.file.empty()) CHECK(line.find("bad.toml:") != std::string::npos);
  }
}

TEST_CASE("config: errors never echo a secret") {
  TempDir dir;
  const std::string secret = "s3cr3t-value";
  const Vars env = {{"SLACK_SIGNING_SECRET", secret},
                    {"SLACK_APP_TOKEN", secret},
                    {"GITHUB_TOKEN", secret},
                    {"SRCBOT_TICK_SECONDS", "abc"}};
  CHECK(MustFail({"serve", "--slack-bot-token", secret}, env).find(secret) == std::string::npos);
  for (const std::string& text :
       {"slack_bot_token = [\"" + secret + "\"]\n", "github_token = " + secret + "\n",
        "slack_signing_secret = \"" + secret + "\n", "slack_app_token = \"" + secret + "\" x\n"}) {
    INFO(text);
    const std::string line = MustFail({"serve", "--config", Write(dir, "s.toml", text)});
    CHECK(line.find(secret) == std::string::npos);
  }
  CHECK(MustFail({"serve", "--slack-bot-token"}) == "srcbot: --slack-bot-token: missing value");
}

}  // namespace srcbot::config
