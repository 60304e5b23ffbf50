// docs/mail.md's console session (`:mail-in`) must print what it shows: the
// `eml` block is written to report.eml, the session run where it lies.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fakes/srcbot_process.h"

TEST_CASE("docs: the :mail-in session in docs/mail.md prints what it shows", "[mail][docs]") {
  std::ifstream doc(std::string(SRCBOT_SOURCE_DIR) + "/docs/mail.md");
  REQUIRE(doc);
  std::string line, eml, script;
  std::vector<std::string> expected;
  enum { kOut, kEml, kSession } where = kOut;
  while (std::getline(doc, line)) {
    if (where == kOut && line == "```eml") {
      where = kEml;
    } else if (where == kEml && line == "```") {
      where = kOut;
    } else if (where == kEml) {
      eml += line + "\r\n";
    } else if (line.rfind("@alice in #src> ", 0) == 0) {
      where = kSession;
      script += line.substr(line.find("> ") + 2) + "\n";
    } else if (where == kSession && line == "```") {
      break;
    } else if (where == kSession) {
      expected.push_back(line);
    }
  }
  REQUIRE_FALSE(eml.empty());
  REQUIRE(expected.size() >= 3);
  srcbot::testing::TempDir dir;
  std::ofstream(dir.File("report.eml"), std::ios::binary) << eml;
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());  // `:mail-in report.eml` reads it from here
  auto run = srcbot::testing::RunSrcbot(dir, "console", script);
  std::filesystem::current_path(cwd);
  INFO(run.output);
  CHECK(run.exit_status == 0);
  for (const std::string& want : expected) CHECK_THAT(run.output, Catch::Contains(want));
}
