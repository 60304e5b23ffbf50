#include "config/options.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "tests/fakes/temp_dir.h"

namespace srcbot::config {
namespace {

using srcbot::testing::TempDir;
using Vars = std::map<std::string, std::string>;

Environment EnvOf(Vars vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// Writes `text` to `name` in `dir` and returns its path.
std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.File(name);
  std::ofstream(path) << text;
  return path;
}

ParseOutcome Run(const std::vector<std::string>& args, Vars env = {}) {
  return ParseCommandLine(args, EnvOf(std::move(env)));
}

Config MustParse(const std::vector<std::string>& args, Vars env = {}) {
  ParseOutcome outcome = Run(args, std::move(env));
  INFO(outcome.output);
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.invocation.has_value());
  return outcome.invocation->config;
}

// A usage error: exit 2, one "srcbot: " line on stderr, nothing to run. Returns the line.
std::string MustFail(const std::vector<std::string>& args, Vars env = {}) {
  ParseOutcome outcome = Run(args, std::move(env));
  INFO(outcome.output);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.to_stderr);
  CHECK_FALSE(outcome.invocation.has_value());
  CHECK(outcome.output.rfind("srcbot: ", 0) == 0);
  CHECK(outcome.output.find('\n') == std::string::npos);
  return outcome.output;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("config: defaults are those of the SPEC table") {
  Config c = MustParse({"serve"});
  CHECK(c.mode == "auto");
  CHECK(c.listen == "127.0.0.1:3000");
  CHECK(c.db == "./srcbot.db");
  CHECK(c.slack_signing_secret.empty());
  CHECK(c.slack_bot_token.empty());
  CHECK(c.slack_app_token.empty());
  CHECK(c.slack_api_url == "https://slack.com/api/");
  CHECK(c.src_channel.empty());
  CHECK(c.general_channel.empty());
  CHECK(c.development_channel.empty());
  CHECK(c.admins.empty());
  CHECK(c.project == "sigstore");
  CHECK(c.github_token.empty());
  CHECK(c.github_api_url == "https://api.github.com");
  CHECK(c.tick_seconds == 30);
  CHECK(c.release_hour_utc == 16);
  CHECK(c.holidays.empty());
  CHECK(c.github_repos.empty());
  CHECK(c.github_poll_minutes == 10.0);
  CHECK(c.metrics_listen.empty());
  CHECK(c.log_level == "info");
  CHECK(c == DefaultConfig());
}

TEST_CASE("config: flag beats environment beats file beats default") {
  TempDir dir;
  const std::string file = Write(dir, "srcbot.toml",
                                 "db = \"file.db\"\n"
                                 "tick_seconds = 3\n"
                                 "admins = [\"UFILE\"]\n"
                                 "slack_bot_token = \"xoxb-file\"\n");
  const Vars env = {{"SRCBOT_DB", "env.db"},
                    {"SRCBOT_TICK_SECONDS", "2"},
                    {"SRCBOT_ADMINS", "UENV1,UENV2"},
                    {"SLACK_BOT_TOKEN", "xoxb-env"}};
  const Strings flags = {"--db",     "flag.db", "--tick-seconds",    "1",
                         "--admins", "UFLAG",   "--slack-bot-token", "xoxb-flag"};
  auto with = [&](bool use_flags, bool use_file) {
    Strings args = {"serve"};
    if (use_flags) args.insert(args.end(), flags.begin(), flags.end());
    if (use_file) args.insert(args.end(), {"--config", file});
    return args;
  };

  // The four settings that every source above sets, as each source sets them.
  struct Settings {
    std::string db;
    int tick_seconds;
    Strings admins;
    std::string slack_bot_token;
  };
  const Settings from_flags = {"flag.db", 1, {"UFLAG"}, "xoxb-flag"};
  const Settings from_env = {"env.db", 2, {"UENV1", "UENV2"}, "xoxb-env"};
  const Settings from_file = {"file.db", 3, {"UFILE"}, "xoxb-file"};
  const Settings from_defaults = {"./srcbot.db", 30, {}, ""};
  auto check = [](const Config& c, const Settings& want) {
    CHECK(c.db == want.db);
    CHECK(c.tick_seconds == want.tick_seconds);
    CHECK(c.admins == want.admins);
    CHECK(c.slack_bot_token == want.slack_bot_token);
  };

  SECTION("flag beats environment and file") {
    check(MustParse(with(true, true), env), from_flags);
  }
  SECTION("environment beats file") { check(MustParse(with(false, true), env), from_env); }
  SECTION("file beats default") { check(MustParse(with(false, true)), from_file); }
  SECTION("flag beats environment without a file") {
    Config c = MustParse(with(true, false), env);
    CHECK(c.db == "flag.db");
    CHECK(c.slack_bot_token == "xoxb-flag");
  }
  SECTION("default when nothing is given") { check(MustParse(with(false, false)), from_defaults); }
}

TEST_CASE("config: an empty environment variable counts as unset") {
  TempDir dir;
  const std::string file = Write(dir, "f.toml", "db = \"file.db\"\n");
  Config c =
      MustParse({"serve", "--config", file}, {{"SRCBOT_DB", ""}, {"SRCBOT_TICK_SECONDS", ""}});
  CHECK(c.db == "file.db");
  CHECK(c.tick_seconds == 30);
}

TEST_CASE("config: file keys may use dashes or underscores") {
  TempDir dir;
  const std::string file = Write(dir, "f.toml",
                                 "slack-bot-token = \"xoxb-1\"\n"
                                 "github_api_url = \"http://127.0.0.1:9000\"\n"
                                 "release-hour-utc = 5\n"
                                 "github_poll_minutes = 0.5\n"
                                 "github-repos = \"sigstore/cosign, sigstore/rekor\"\n");
  Config c = MustParse({"serve", "--config", file});
  CHECK(c.slack_bot_token == "xoxb-1");
  CHECK(c.github_api_url == "http://127.0.0.1:9000");
  CHECK(c.release_hour_utc == 5);
  CHECK(c.github_poll_minutes == 0.5);
  CHECK(c.github_repos == Strings{"sigstore/cosign", "sigstore/rekor"});
}

TEST_CASE("config: the config file comes from --config or SRCBOT_CONFIG") {
  TempDir dir;
  const std::string a = Write(dir, "a.toml", "project = \"from-a\"\n");
  const std::string b = Write(dir, "b.toml", "project = \"from-b\"\n");
  CHECK(MustParse({"serve"}, {{"SRCBOT_CONFIG", a}}).project == "from-a");
  CHECK(MustParse({"serve", "--config", b}, {{"SRCBOT_CONFIG", a}}).project == "from-b");
  CHECK(MustParse({"--config", a, "serve"}).project == "from-a");
}

TEST_CASE("config: global options may follow the subcommand") {
  CHECK(MustParse({"serve", "--db", "x"}).db == "x");
  CHECK(MustParse({"--db", "x", "serve"}).db == "x");
  CHECK(MustParse({"--db", "early", "serve", "--db", "late"}).db == "late");
  CHECK(MustParse({"serve", "--db=x"}).db == "x");
  CHECK(MustParse({"migrate", "--tick-seconds", "5"}).tick_seconds == 5);
  ParseOutcome outcome = Run({"console", "--log-level", "debug"});
  REQUIRE(outcome.invocation);
  CHECK(outcome.invocation->sub == Invocation::Subcommand::kConsole);
  CHECK(outcome.invocation->config.log_level == "debug");
}

TEST_CASE("config: list options split on commas, trim, drop empties and add up") {
  Config c = MustParse({"serve", "--admins", " U1 , ,U2,", "--admins", "U3"});
  CHECK(c.admins == Strings{"U1", "U2", "U3"});
  c = MustParse({"serve"}, {{"SRCBOT_HOLIDAYS", "2026-12-25, 2027-01-01"}});
  CHECK(c.holidays == Strings{"2026-12-25", "2027-01-01"});
  c = MustParse({"serve", "--admins", ""}, {{"SRCBOT_ADMINS", "UENV"}});
  CHECK(c.admins.empty());
}

TEST_CASE("config: subcommands and their arguments") {
  ParseOutcome outcome = Run({"backup", "/tmp/copy.db"});
  REQUIRE(outcome.invocation);
  CHECK(outcome.invocation->sub == Invocation::Subcommand::kBackup);
  CHECK(outcome.invocation->backup_path == "/tmp/copy.db");

  outcome = Run({"export", "SRC-7"});
  REQUIRE(outcome.invocation);
  CHECK(outcome.invocation->sub == Invocation::Subcommand::kExport);
  CHECK(outcome.invocation->export_case == "SRC-7");
  CHECK(outcome.invocation->export_format == "markdown");
  outcome = Run({"export", "--format", "json", "SRC-7"});
  REQUIRE(outcome.invocation);
  CHECK(outcome.invocation->export_format == "json");

  CHECK(MustFail({"backup"}) == "srcbot: backup: missing PATH (usage: srcbot backup PATH)");
  CHECK(MustFail({"backup", "--db", "x"}).find("missing PATH") != std::string::npos);
  CHECK(MustFail({"export"}) == "srcbot: export: missing CASE (usage: srcbot export CASE)");
  CHECK(MustFail({"export", "SRC-7", "--format", "xml"}) ==
        "srcbot: --format: expected markdown or json, got \"xml\"");
}

TEST_CASE("config: no subcommand, unknown subcommand or option is one line, exit 2") {
  CHECK(MustFail({}) ==
        "srcbot: choose a subcommand: serve, console, migrate, backup, export, manifest, cvss (see "
        "srcbot --help)");
  CHECK(MustFail({"--db", "x"}).find("choose a subcommand") != std::string::npos);
  CHECK(MustFail({"frob"}) ==
        "srcbot: unknown subcommand or argument: frob (choose one of serve, "
        "console, migrate, backup, export, manifest, cvss)");
  CHECK(MustFail({"serve", "--frob"}) == "srcbot: unexpected argument: --frob");
  CHECK(MustFail({"serve", "extra"}) == "srcbot: unexpected argument: extra");
  CHECK(MustFail({"serve", "--db"}) == "srcbot: --db: missing value");
  CHECK(MustFail({"serve", "--print-config=x"}) == "srcbot: --print-config: takes no value");
}

TEST_CASE("config: help on the app or any subcommand exits 0") {
  for (const Strings& args : {Strings{"--help"}, Strings{"-h"}, Strings{"serve", "--help"},
                              Strings{"backup", "-h"}, Strings{"export", "--help"}}) {
    ParseOutcome outcome = Run(args);
    INFO(args.front());
    CHECK(outcome.exit_code == 0);
    CHECK_FALSE(outcome.to_stderr);
    CHECK_FALSE(outcome.invocation);
    CHECK(outcome.output.find("--slack-bot-token") != std::string::npos);
    CHECK(outcome.output.find("SRCBOT_TICK_SECONDS") != std::string::npos);
  }
  CHECK(Run({"--help"}).output.find("backup") != std::string::npos);
  CHECK(Run({"export", "--help"}).output.find("--format") != std::string::npos);
}

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
  CHECK(std::count(out.begin(), out.end(), '\n') == 23);  // one line per option
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

TEST_CASE("config: manifest takes --mode and --url") {
  auto outcome = srcbot::config::ParseCommandLine({"manifest", "--mode", "http", "--url", "https://x.example"}, {});
  REQUIRE(outcome.invocation);
  CHECK(outcome.invocation->sub == srcbot::config::Invocation::Subcommand::kManifest);
  CHECK(outcome.invocation->manifest_url == "https://x.example");
  CHECK(outcome.invocation->config.mode == "http");
  auto bad = srcbot::config::ParseCommandLine({"manifest", "--url", "ftp://x"}, {});
  CHECK(bad.exit_code == 2);
}
