#pragma once
// The data tables of the CVSS v4.0 scoring method (specification section 8),
// as constants generated from FIRST's published tables by
// scripts/gen_cvss_v4_tables.py into cvss_v4_tables.cc. Used only by cvss_v4.cc.

#include <array>
#include <string_view>

namespace srcbot::core::cvss_v4 {

// The score of one macro vector, named by its six EQ digits ("000000").
struct MacroScore {
  std::string_view macro;
  double score;
};

// The severity level of one metric value, for the distance to a highest-severity vector.
struct MetricLevel {
  std::string_view metric;
  std::string_view value;
  double level;
};

// One highest-severity vector part of an equivalence set at one level
// ("AV:N/PR:N/UI:N/"). EQ3 and EQ6 are joined: eq "eq3" is keyed by both
// levels; every other set has eq6 '-'.
struct MaxVector {
  std::string_view eq;
  char level;
  char eq6;
  std::string_view parts;
};

// The depth of an equivalence set at one level, in steps of 0.1 ("eq3eq6" keyed by both).
struct Depth {
  std::string_view eq;
  char level;
  char eq6;
  int depth;
};

extern const std::array<MacroScore, 270> kMacroScores;
extern const std::array<MetricLevel, 46> kMetricLevels;
extern const std::array<MaxVector, 26> kMaxVectors;
extern const std::array<Depth, 16> kDepths;

}  // namespace srcbot::core::cvss_v4
