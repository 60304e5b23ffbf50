#pragma once
// CVSS scoring (SPEC §2 `cvss`, docs/cvss.md): parses a CVSS v3.0, v3.1 or
// v4.0 vector string and computes its scores the way FIRST's specifications
// and reference calculators do. Pure functions: no I/O, no clock, no state;
// safe to call from any thread.
//
// v3.x: base, temporal and environmental scores with the specification's
// Roundup (v3.1: the integer-based Roundup of its appendix A; v3.0: the
// ceiling to one decimal of its own calculator). Metrics may come in any order,
// as both specifications require readers to accept.
// v4.0: macro vector, lookup table and severity-distance interpolation
// (specification section 8 and FIRST's cvss_score.js). Metrics must come in
// the specification's order. Supplemental metrics are checked, not scored.

#include <string>
#include <string_view>

#include "core/result.h"

namespace srcbot::core {

enum class CvssVersion { kV3_0, kV3_1, kV4_0 };

// "3.0", "3.1" or "4.0".
std::string_view CvssVersionName(CvssVersion version);

// The qualitative rating; the same bands in every version:
// None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.
enum class Severity { kNone, kLow, kMedium, kHigh, kCritical };

Severity SeverityOf(double score);
std::string_view SeverityName(Severity severity);  // "None", "Low", …, "Critical"

// What one vector scores. Every score is a multiple of 0.1 in [0, 10].
struct CvssScores {
  CvssVersion version = CvssVersion::kV3_1;
  // v3.x: the base score. v4.0: the CVSS-B score, i.e. the vector's base
  // metrics alone, with its threat and environmental metrics left out.
  double base_score = 0;

  // v3.x only. Always computed as FIRST's calculators do: a metric not given
  // (or X) weighs 1 / takes the base value, so with no temporal metrics the
  // temporal score equals the base score.
  double temporal_score = 0;
  double environmental_score = 0;
  bool has_temporal = false;       // a temporal metric other than X was given
  bool has_environmental = false;  // an environmental metric other than X was given

  // v4.0 only: the score of every metric given, and its name, one of
  // CVSS-B, CVSS-BT, CVSS-BE, CVSS-BTE (threat: E; environmental: CR, IR, AR, M*).
  double score = 0;
  std::string nomenclature;

  // The one number srcbot records for a case: v4.0 `score`; v3.x the most
  // specific score the vector defines — environmental when it has
  // environmental metrics, else temporal when it has temporal metrics, else base.
  double Overall() const;
  // "CVSS-BTE" and friends for v4.0; "environmental", "temporal" or "base" for v3.x.
  std::string OverallName() const;
};

// On success, the scores of `vector` ("CVSS:3.1/AV:N/AC:L/…"). On failure,
// kInvalidArgument with one line of plain text saying why (text quoted from
// the input is cut short; escape it before showing it as markup): empty
// input, wrong prefix or version, a malformed, unknown, duplicate or missing
// metric, a bad value, or (v4.0) a metric out of the specification's order.
Result<CvssScores> ScoreCvss(std::string_view vector);

// "7.5": a score as CVSS writes it, with one decimal.
std::string FormatCvssScore(double score);

// The recorded score as messages show it, with its severity and where it comes from:
//   "9.8 Critical (CVSS 3.1 base score)"
//   "6.1 Medium (CVSS 3.1 environmental score; base 9.8)"
//   "5.2 Medium (CVSS-BT, CVSS 4.0; CVSS-B 7.7)"
std::string DescribeCvss(const CvssScores& scores);

}  // namespace srcbot::core
