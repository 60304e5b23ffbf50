// The scorer against a reference implementation (ae-cvss-calculator) over
// random vectors: tests/data/cvss_random.jsonl, made by
// scripts/gen_cvss_random.mjs (docs/cvss.md says how to regenerate it).
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/cvss.h"

using namespace srcbot::core;

namespace {

// Scores are compared as CVSS writes them, one decimal.
std::string Tenths(const nlohmann::json& value) { return FormatCvssScore(value.get<double>()); }

}  // namespace

TEST_CASE("cvss: random vectors score as the reference implementation does", "[cvss]") {
  std::ifstream in(std::string(SRCBOT_SOURCE_DIR) + "/tests/data/cvss_random.jsonl");
  REQUIRE(in);
  std::map<std::string, int> checked, mismatched;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto row = nlohmann::json::parse(line);
    const std::string version = row["version"];
    const std::string vector = row["vector"];
    auto scored = ScoreCvss(vector);
    INFO(vector << (scored.ok() ? "" : " → " + scored.status().message()));
    REQUIRE(scored.ok());
    const CvssScores& s = scored.value();
    ++checked[version];
    bool same = CvssVersionName(s.version) == version &&
                FormatCvssScore(s.base_score) == Tenths(row["base_score"]);
    if (version == "4.0") {
      same = same && FormatCvssScore(s.score) == Tenths(row["score"]) &&
             s.nomenclature == row["nomenclature"].get<std::string>();
    } else {
      same = same && FormatCvssScore(s.temporal_score) == Tenths(row["temporal_score"]) &&
             FormatCvssScore(s.environmental_score) == Tenths(row["environmental_score"]);
    }
    if (!same) {
      ++mismatched[version];
      FAIL_CHECK("scores differ from the reference: " << line);
    }
  }
  for (const char* version : {"3.0", "3.1", "4.0"}) {
    INFO("version " << version);
    CHECK(checked[version] >= 2000);
    CHECK(mismatched[version] == 0);
  }
}
