// The CVSS vector parser and scorer: the input is one vector string. What it
// scores must be a multiple of 0.1 in [0, 10] (core/cvss.h).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/cvss.h"

using namespace srcbot::core;

namespace {

void CheckScore(double score) {
  if (!(score >= 0 && score <= 10)) std::abort();
  if (std::fabs(score * 10 - std::round(score * 10)) > 1e-6) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view vector(reinterpret_cast<const char*>(data), size);
  auto scores = ScoreCvss(vector);
  if (!scores.ok()) return 0;
  const CvssScores& s = scores.value();
  CheckScore(s.base_score);
  CheckScore(s.temporal_score);
  CheckScore(s.environmental_score);
  CheckScore(s.score);
  CheckScore(s.Overall());
  (void)SeverityName(SeverityOf(s.Overall()));
  (void)DescribeCvss(s);
  return 0;
}
