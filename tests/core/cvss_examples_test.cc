// The scorer against FIRST's published example vectors (a copy of
// shared/cvss/spec-examples.jsonl: 26 from the v3.1 specification's examples
// document, 17 from v4.0's), each with its published score.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/cvss.h"

using namespace srcbot::core;

namespace {

std::vector<nlohmann::json> ReadLines(const std::string& name) {
  std::ifstream in(std::string(SRCBOT_SOURCE_DIR) + "/tests/data/" + name);
  std::vector<nlohmann::json> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

}  // namespace

TEST_CASE("cvss: every FIRST example vector scores exactly as published", "[cvss]") {
  auto rows = ReadLines("cvss_spec_examples.jsonl");
  REQUIRE(rows.size() == 43);
  int v31 = 0, v40 = 0;
  for (const auto& row : rows) {
    const std::string vector = row["vector"];
    INFO(row["example"].get<std::string>() << " " << vector);
    auto scored = ScoreCvss(vector);
    REQUIRE(scored.ok());
    const CvssScores& s = scored.value();
    if (row["version"] == "4.0") {
      ++v40;
      CHECK(s.version == CvssVersion::kV4_0);
      CHECK(FormatCvssScore(s.score) == FormatCvssScore(row["expected_score"].get<double>()));
      CHECK(SeverityName(SeverityOf(s.score)) == row["severity"].get<std::string>());
      CHECK(s.nomenclature == row["nomenclature"].get<std::string>());
    } else {
      ++v31;
      CHECK(s.version == CvssVersion::kV3_1);
      CHECK(FormatCvssScore(s.base_score) ==
            FormatCvssScore(row["expected_base_score"].get<double>()));
      CHECK(SeverityName(SeverityOf(s.base_score)) == row["base_severity"].get<std::string>());
    }
  }
  CHECK(v31 == 26);
  CHECK(v40 == 17);
}
