// CVSS v3.0 and v3.1: the equations of section 7 (v3.1) / 8 (v3.0) of the
// specifications, in the operation order of FIRST's calculators
// (cvsscalc30.js, cvsscalc31.js) so that every floating-point result, and so
// every Roundup, is the same as theirs.
#include <algorithm>
#include <cmath>

#include "core/cvss_metrics.h"

namespace srcbot::core::cvss_internal {
namespace {

// Indices into the spec table, in the specifications' table order.
// clang-format off
enum Metric { kAV, kAC, kPR, kUI, kS, kC, kI, kA, kE, kRL, kRC, kCR, kIR, kAR,
              kMAV, kMAC, kMPR, kMUI, kMS, kMC, kMI, kMA };
// clang-format on

const std::vector<MetricSpec>& Specs() {
  static const std::vector<MetricSpec> kSpecs = {
      {"AV", {"N", "A", "L", "P"}, true},
      {"AC", {"L", "H"}, true},
      {"PR", {"N", "L", "H"}, true},
      {"UI", {"N", "R"}, true},
      {"S", {"U", "C"}, true},
      {"C", {"H", "L", "N"}, true},
      {"I", {"H", "L", "N"}, true},
      {"A", {"H", "L", "N"}, true},
      {"E", {"X", "H", "F", "P", "U"}},
      {"RL", {"X", "U", "W", "T", "O"}},
      {"RC", {"X", "C", "R", "U"}},
      {"CR", {"X", "H", "M", "L"}},
      {"IR", {"X", "H", "M", "L"}},
      {"AR", {"X", "H", "M", "L"}},
      {"MAV", {"X", "N", "A", "L", "P"}},
      {"MAC", {"X", "L", "H"}},
      {"MPR", {"X", "N", "L", "H"}},
      {"MUI", {"X", "N", "R"}},
      {"MS", {"X", "U", "C"}},
      {"MC", {"X", "H", "L", "N"}},
      {"MI", {"X", "H", "L", "N"}},
      {"MA", {"X", "H", "L", "N"}},
  };
  return kSpecs;
}

double AttackVector(char v) {
  switch (v) {
    case 'N':
      return 0.85;
    case 'A':
      return 0.62;
    case 'L':
      return 0.55;
    default:
      return 0.2;  // P
  }
}

double AttackComplexity(char v) { return v == 'L' ? 0.77 : 0.44; }

// Privileges Required weighs more when the scope changes.
double Privileges(char v, bool scope_changed) {
  switch (v) {
    case 'N':
      return 0.85;
    case 'L':
      return scope_changed ? 0.68 : 0.62;
    default:
      return scope_changed ? 0.5 : 0.27;  // H
  }
}

double UserInteraction(char v) { return v == 'N' ? 0.85 : 0.62; }

double Impact(char v) {
  switch (v) {
    case 'H':
      return 0.56;
    case 'L':
      return 0.22;
    default:
      return 0;  // N
  }
}

double ExploitMaturity(char v) {
  switch (v) {
    case 'U':
      return 0.91;
    case 'P':
      return 0.94;
    case 'F':
      return 0.97;
    default:
      return 1;  // H, X
  }
}

double Remediation(char v) {
  switch (v) {
    case 'O':
      return 0.95;
    case 'T':
      return 0.96;
    case 'W':
      return 0.97;
    default:
      return 1;  // U, X
  }
}

double Confidence(char v) {
  switch (v) {
    case 'U':
      return 0.92;
    case 'R':
      return 0.96;
    default:
      return 1;  // C, X
  }
}

double Requirement(char v) {
  switch (v) {
    case 'L':
      return 0.5;
    case 'H':
      return 1.5;
    default:
      return 1;  // M, X
  }
}

// v3.0: the smallest one-decimal number not below d, computed as FIRST's v3.0
// calculator does (Math.ceil(d * 10) / 10).
double RoundUp30(double d) { return std::ceil(d * 10) / 10; }

// v3.1, appendix A: works on an integer so that floating-point noise such as
// 4.000000000000001 does not round up to 4.1.
double RoundUp31(double input) {
  long long int_input = std::llround(input * 100000);
  if (int_input % 10000 == 0) return static_cast<double>(int_input) / 100000.0;
  return static_cast<double>(int_input / 10000 + 1) / 10.0;
}

}  // namespace

Result<CvssScores> ScoreV3(CvssVersion version, std::string_view body) {
  const bool v31 = version == CvssVersion::kV3_1;
  // Both specifications: "Programs reading CVSS v3.x vector strings must
  // accept metrics in any order".
  auto parsed = ParseMetrics(body, Specs(), /*ordered=*/false, CvssVersionName(version));
  if (!parsed.ok()) return parsed.status();
  const MetricValues& values = parsed.value();
  auto v = [&](Metric m) { return values[m].empty() ? 'X' : values[m][0]; };
  auto modified = [&](Metric m, Metric base) { return v(m) == 'X' ? v(base) : v(m); };
  auto round_up = [&](double d) { return v31 ? RoundUp31(d) : RoundUp30(d); };

  CvssScores out;
  out.version = version;
  for (Metric m : {kE, kRL, kRC}) out.has_temporal = out.has_temporal || v(m) != 'X';
  for (int m = kCR; m <= kMA; ++m) {
    out.has_environmental = out.has_environmental || v(static_cast<Metric>(m)) != 'X';
  }

  const bool changed = v(kS) == 'C';
  double exploitability = 8.22 * AttackVector(v(kAV)) * AttackComplexity(v(kAC)) *
                          Privileges(v(kPR), changed) * UserInteraction(v(kUI));
  double iss = 1 - ((1 - Impact(v(kC))) * (1 - Impact(v(kI))) * (1 - Impact(v(kA))));
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  if (impact <= 0) {
    out.base_score = 0;
  } else if (changed) {
    out.base_score = round_up(std::min(1.08 * (exploitability + impact), 10.0));
  } else {
    out.base_score = round_up(std::min(exploitability + impact, 10.0));
  }

  double e = ExploitMaturity(v(kE)), rl = Remediation(v(kRL)), rc = Confidence(v(kRC));
  out.temporal_score = round_up(out.base_score * e * rl * rc);

  const bool m_changed = modified(kMS, kS) == 'C';
  double m_exploitability =
      8.22 * AttackVector(modified(kMAV, kAV)) * AttackComplexity(modified(kMAC, kAC)) *
      Privileges(modified(kMPR, kPR), m_changed) * UserInteraction(modified(kMUI, kUI));
  double miss = std::min(1 - ((1 - Impact(modified(kMC, kC)) * Requirement(v(kCR))) *
                              (1 - Impact(modified(kMI, kI)) * Requirement(v(kIR))) *
                              (1 - Impact(modified(kMA, kA)) * Requirement(v(kAR)))),
                         0.915);
  double m_impact;
  if (!m_changed) {
    m_impact = 6.42 * miss;
  } else if (v31) {
    // v3.1 changed this term (section 7.3) to keep modified impact in line with the base.
    m_impact = 7.52 * (miss - 0.029) - 3.25 * std::pow(miss * 0.9731 - 0.02, 13);
  } else {
    m_impact = 7.52 * (miss - 0.029) - 3.25 * std::pow(miss - 0.02, 15);
  }
  if (m_impact <= 0) {
    out.environmental_score = 0;
  } else {
    double sum = m_changed ? 1.08 * (m_impact + m_exploitability) : m_impact + m_exploitability;
    out.environmental_score = round_up(round_up(std::min(sum, 10.0)) * e * rl * rc);
  }
  return out;
}

}  // namespace srcbot::core::cvss_internal
