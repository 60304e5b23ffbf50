// The README is a newcomer's first page: its console session must print what
// it shows, and every document in docs/ must be reachable from it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fakes/srcbot_process.h"

namespace {

std::string ReadReadme() {
  std::ifstream in(std::string(SRCBOT_SOURCE_DIR) + "/README.md");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("readme: the console session it shows prints what it shows") {
  std::istringstream readme(ReadReadme());
  std::string line, script;
  std::vector<std::string> expected;
  bool in_session = false;
  while (std::getline(readme, line)) {
    // The session is the code block whose lines are "@user in #channel> …".
    if (line.rfind("@", 0) == 0 && line.find("> ") != std::string::npos) {
      in_session = true;
      script += line.substr(line.find("> ") + 2) + "\n";
    } else if (in_session && line.rfind("```", 0) == 0) {
      break;
    } else if (in_session) {
      expected.push_back(line);
    }
  }
  REQUIRE(expected.size() >= 5);
  srcbot::testing::TempDir dir;
  auto run = srcbot::testing::RunSrcbot(dir, "console", script);
  INFO(run.output);
  CHECK(run.exit_status == 0);
  for (const std::string& want : expected) CHECK_THAT(run.output, Catch::Contains(want + "\n"));
}

TEST_CASE("readme: links every document in docs/") {
  std::string readme = ReadReadme();
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SRCBOT_SOURCE_DIR) + "/docs")) {
    if (entry.path().extension() != ".md") continue;
    ++documents;
    std::string link = "(docs/" + entry.path().filename().string() + ")";
    INFO(link);
    CHECK_THAT(readme, Catch::Contains(link));
  }
  CHECK(documents >= 10);
}
