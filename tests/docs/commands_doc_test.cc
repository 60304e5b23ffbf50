// docs/commands.md promises that its examples run in the console: run them.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "tests/fakes/srcbot_process.h"

TEST_CASE("docs: every example in docs/commands.md runs without an error") {
  std::ifstream doc(std::string(SRCBOT_SOURCE_DIR) + "/docs/commands.md");
  REQUIRE(doc);
  std::string line, script;
  bool in_block = false;
  int lines = 0;
  while (std::getline(doc, line)) {
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block;
      continue;
    }
    if (in_block) {
      script += line + "\n";
      ++lines;
    }
  }
  REQUIRE(lines > 15);
  srcbot::testing::TempDir dir;
  auto run = srcbot::testing::RunSrcbot(dir, "console", script);
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK_THAT(run.output, !Catch::Contains("Error"));
  CHECK_THAT(run.output, Catch::Contains("SRC-1 closed as fixed"));
}
