// `srcbot cvss`: the JSON per vector, and the real binary's output and exit status.
#include "app/cvss_command.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/fakes/srcbot_process.h"

using srcbot::app::CvssJson;
using srcbot::app::PrintCvss;

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("cvss command: v3.x objects carry every score, keys in order", "[cvss]") {
  CHECK(CvssJson("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N/E:P").dump() ==
        "{\"vector\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N/E:P\",\"version\":\"3.1\","
        "\"base_score\":9.1,\"base_severity\":\"Critical\",\"temporal_score\":8.6,"
        "\"environmental_score\":8.6}");
  CHECK(CvssJson("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N")["base_severity"] == "None");
}

TEST_CASE("cvss command: v4.0 objects carry the score and its nomenclature", "[cvss]") {
  CHECK(CvssJson("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U").dump() ==
        "{\"vector\":\"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U\","
        "\"version\":\"4.0\",\"base_score\":7.7,\"base_severity\":\"High\",\"score\":5.2,"
        "\"severity\":\"Medium\",\"nomenclature\":\"CVSS-BT\"}");
}

TEST_CASE("cvss command: an invalid vector prints its reason and fails the run", "[cvss]") {
  std::ostringstream out;
  int status = PrintCvss({"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N"}, out);
  CHECK(status == 1);
  auto lines = Lines(out.str());
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] ==
        "{\"vector\":\"CVSS:3.1/AV:N\",\"error\":\"missing mandatory metrics AC, PR, "
        "UI, S, C, I, A\"}");
  std::ostringstream ok;
  CHECK(PrintCvss({"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}, ok) == 0);
  // Bytes that are not UTF-8 do not break the JSON.
  std::ostringstream garbage;
  CHECK(PrintCvss({"\xff\xfe"}, garbage) == 1);
  CHECK(nlohmann::json::parse(garbage.str())["error"].get<std::string>().find(
            "not a CVSS vector") == 0);
}

TEST_CASE("cvss command: the srcbot binary scores vectors without a database or Slack", "[cvss]") {
  srcbot::testing::TempDir dir;
  auto run = srcbot::testing::RunSrcbot(
      dir,
      "cvss 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' "
      "'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'",
      "");
  INFO(run.output);
  CHECK(run.exit_status == 0);
  auto lines = Lines(run.output);
  REQUIRE(lines.size() == 2);
  auto v31 = nlohmann::json::parse(lines[0]);
  CHECK(v31["version"] == "3.1");
  CHECK(v31["base_score"] == 9.8);
  CHECK(v31["base_severity"] == "Critical");
  CHECK(v31["temporal_score"] == 9.8);
  CHECK(v31["environmental_score"] == 9.8);
  auto v40 = nlohmann::json::parse(lines[1]);
  CHECK(v40["version"] == "4.0");
  CHECK(v40["score"] == 9.3);
  CHECK(v40["severity"] == "Critical");
  CHECK(v40["nomenclature"] == "CVSS-B");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "srcbot.db"));  // no database was opened
}

TEST_CASE("cvss command: the binary exits 1 when any vector is invalid", "[cvss]") {
  srcbot::testing::TempDir dir;
  auto run = srcbot::testing::RunSrcbot(
      dir,
      "cvss 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N' "
      "'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' "
      "'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q'",
      "");
  INFO(run.output);
  CHECK(run.exit_status == 1);
  auto lines = Lines(run.output);
  REQUIRE(lines.size() == 3);
  CHECK(nlohmann::json::parse(lines[0])["severity"] == "Medium");
  CHECK(
      nlohmann::json::parse(lines[1]) ==
      nlohmann::json{{"vector", "CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
                     {"error", "metric AV out of order: CVSS 4.0 lists it before AC"}});
  CHECK(nlohmann::json::parse(lines[2])["error"] == "bad value \"Q\" for A: expected H, L or N");
}

TEST_CASE("cvss command: no vector is a usage error", "[cvss]") {
  srcbot::testing::TempDir dir;
  auto run = srcbot::testing::RunSrcbot(dir, "cvss", "");
  CHECK(run.exit_status == 2);
  CHECK(run.output == "srcbot: cvss: missing VECTOR (usage: srcbot cvss VECTOR...)\n");
}
