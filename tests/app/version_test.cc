// Which build is running: `srcbot --version`, --help, the first log line of
// `serve` and the srcbot_build_info metric all name the same version and commit.
#include <catch2/catch.hpp>
#include <regex>

#include "bot/observability/metrics.h"
#include "config/options.h"
#include "config/version.h"
#include "tests/fakes/srcbot_process.h"

using srcbot::config::Commit;
using srcbot::config::Version;
using srcbot::config::VersionLine;

TEST_CASE("version: the version is the project's and the commit a git one") {
  CHECK(std::regex_match(std::string(Version()), std::regex(R"(\d+\.\d+\.\d+)")));
  CHECK(std::regex_match(std::string(Commit()), std::regex(R"([0-9a-f]{12}(-dirty)?|unknown)")));
  CHECK(VersionLine() == "srcbot " + std::string(Version()) + " (commit " + std::string(Commit()) + ")");
}

TEST_CASE("version: --version prints one line and runs nothing, whatever else is set") {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    // A broken setting must not hide the version.
    if (name == "SRCBOT_TICK_SECONDS") return "banana";
    return std::nullopt;
  };
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--version"}, {"console", "--version"}}) {
    auto outcome = srcbot::config::ParseCommandLine(args, env);
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.output == VersionLine() + "\n");
    CHECK_FALSE(outcome.to_stderr);
    CHECK_FALSE(outcome.invocation.has_value());
  }
}

TEST_CASE("version: the binary answers --version and names it in --help") {
  srcbot::testing::TempDir dir;
  auto version = srcbot::testing::RunSrcbot(dir, "--version", "");
  CHECK(version.exit_status == 0);
  CHECK(version.output == VersionLine() + "\n");
  auto help = srcbot::testing::RunSrcbot(dir, "--help", "");
  CHECK(help.exit_status == 0);
  CHECK_THAT(help.output, Catch::StartsWith(VersionLine() + ": a Slack bot"));
  CHECK_THAT(help.output, Catch::Contains("--version"));
}

TEST_CASE("version: serve's first log line names the build, even when it cannot start") {
  srcbot::testing::TempDir dir;
  // No token in the empty environment: serve stops with a usage error.
  auto run = srcbot::testing::RunSrcbot(dir, "serve --mode http", "");
  CHECK(run.exit_status == 2);
  std::string first = run.output.substr(0, run.output.find('\n'));
  CHECK_THAT(first, Catch::Contains("\"message\":\"starting " + VersionLine() + "\""));
  CHECK_THAT(first, Catch::Contains("\"commit\":\"" + std::string(Commit()) + "\""));
}

TEST_CASE("version: /metrics carries srcbot_build_info") {
  srcbot::bot::Metrics metrics({"help"});
  CHECK_THAT(metrics.Render(), !Catch::Contains("srcbot_build_info"));
  metrics.SetBuildInfo("0.1.0", "0123456789ab");
  CHECK_THAT(metrics.Render(),
             Catch::Contains("# TYPE srcbot_build_info gauge\n"
                             "srcbot_build_info{version=\"0.1.0\",commit=\"0123456789ab\"} 1\n"));
}
