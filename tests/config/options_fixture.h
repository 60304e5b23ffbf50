#pragma once
// What the tests of config/options.h share: an environment from a map, a
// config file written to a TempDir, and ParseCommandLine run to a Config (or
// to the one-line usage error it must fail with).

#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "config/options.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::config::options_fixture {

using Vars = std::map<std::string, std::string>;
using Strings = std::vector<std::string>;

inline Environment EnvOf(Vars vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// Writes `text` to `name` in `dir` and returns its path.
inline std::string Write(const srcbot::testing::TempDir& dir, const std::string& name,
                         const std::string& text) {
  std::string path = dir.File(name);
  std::ofstream(path) << text;
  return path;
}

inline ParseOutcome Run(const std::vector<std::string>& args, Vars env = {}) {
  return ParseCommandLine(args, EnvOf(std::move(env)));
}

inline Config MustParse(const std::vector<std::string>& args, Vars env = {}) {
  ParseOutcome outcome = Run(args, std::move(env));
  INFO(outcome.output);
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.invocation.has_value());
  return outcome.invocation->config;
}

// A usage error: exit 2, one "srcbot: " line on stderr, nothing to run. Returns the line.
inline std::string MustFail(const std::vector<std::string>& args, Vars env = {}) {
  ParseOutcome outcome = Run(args, std::move(env));
  INFO(outcome.output);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.to_stderr);
  CHECK_FALSE(outcome.invocation.has_value());
  CHECK(outcome.output.rfind("srcbot: ", 0) == 0);
  CHECK(outcome.output.find('\n') == std::string::npos);
  return outcome.output;
}

}  // namespace srcbot::config::options_fixture
