// ParseCommandLine: defaults, where each value comes from (flag, environment,
// file), lists, subcommands and help. Usage errors are in
// options_errors_test.cc, the printed configuration in print_config_test.cc.
#include "config/options.h"

#include <catch2/catch.hpp>

#include "tests/config/options_fixture.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::config {
namespace {

using options_fixture::MustFail;
using options_fixture::MustParse;
using options_fixture::Run;
using options_fixture::Strings;
using options_fixture::Vars;
using options_fixture::Write;
using srcbot::testing::TempDir;

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
        "srcbot: --format: expected markdown, json, osv or csaf, got \"xml\"");
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
