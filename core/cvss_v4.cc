// CVSS v4.0: section 8 of the specification — the vector's macro vector (six
// equivalence sets), the macro vector's score from the lookup table, then
// interpolation by the severity distance to the highest-severity vectors of
// that macro vector. Written to do the arithmetic of FIRST's reference
// calculator (cvss_score.js) step for step, so that every result, including
// the final rounding, is the same as its result.
#include <array>
#include <cmath>
#include <optional>
#include <string>

#include "core/cvss_metrics.h"
#include "core/cvss_v4_tables.h"
#include "core/str_cat.h"

namespace srcbot::core::cvss_internal {
namespace {

// Table 23 of the specification, in its order: base, threat, environmental, supplemental.
const std::vector<MetricSpec>& Specs() {
  static const std::vector<MetricSpec> kSpecs = {
      {"AV", {"N", "A", "L", "P"}, true},
      {"AC", {"L", "H"}, true},
      {"AT", {"N", "P"}, true},
      {"PR", {"N", "L", "H"}, true},
      {"UI", {"N", "P", "A"}, true},
      {"VC", {"H", "L", "N"}, true},
      {"VI", {"H", "L", "N"}, true},
      {"VA", {"H", "L", "N"}, true},
      {"SC", {"H", "L", "N"}, true},
      {"SI", {"H", "L", "N"}, true},
      {"SA", {"H", "L", "N"}, true},
      {"E", {"X", "A", "P", "U"}},
      {"CR", {"X", "H", "M", "L"}},
      {"IR", {"X", "H", "M", "L"}},
      {"AR", {"X", "H", "M", "L"}},
      {"MAV", {"X", "N", "A", "L", "P"}},
      {"MAC", {"X", "L", "H"}},
      {"MAT", {"X", "N", "P"}},
      {"MPR", {"X", "N", "L", "H"}},
      {"MUI", {"X", "N", "P", "A"}},
      {"MVC", {"X", "H", "L", "N"}},
      {"MVI", {"X", "H", "L", "N"}},
      {"MVA", {"X", "H", "L", "N"}},
      {"MSC", {"X", "H", "L", "N"}},
      {"MSI", {"X", "S", "H", "L", "N"}},
      {"MSA", {"X", "S", "H", "L", "N"}},
      {"S", {"X", "N", "P"}},
      {"AU", {"X", "N", "Y"}},
      {"R", {"X", "A", "U", "I"}},
      {"V", {"X", "D", "C"}},
      {"RE", {"X", "L", "M", "H"}},
      {"U", {"X", "Clear", "Green", "Amber", "Red"}},
  };
  return kSpecs;
}
constexpr size_t kFirstThreat = 11;         // E
constexpr size_t kFirstEnvironmental = 12;  // CR
constexpr size_t kFirstSupplemental = 26;   // S

// The metrics whose severity distance the interpolation measures, in the reference order.
constexpr std::array<std::string_view, 14> kDistanceMetrics = {
    "AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"};

// The metric values that scoring sees: the parsed vector with X for every
// metric not given. `base_only` drops the threat and environmental metrics.
class Selected {
 public:
  Selected(const MetricValues& values, bool base_only) : values_(values), base_only_(base_only) {}

  std::string_view Raw(std::string_view metric) const {
    const auto& specs = Specs();
    for (size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].name != metric) continue;
      if (values_[i].empty() || (base_only_ && i >= kFirstThreat && i < kFirstSupplemental))
        return "X";
      return values_[i];
    }
    return "X";
  }

  // The effective value (the reference's m()): E, CR, IR and AR not defined
  // count as their worst case; a modified metric replaces its base metric.
  std::string_view M(std::string_view metric) const {
    std::string_view selected = Raw(metric);
    if (selected == "X" && metric == "E") return "A";
    if (selected == "X" && (metric == "CR" || metric == "IR" || metric == "AR")) return "H";
    std::string_view modified = Raw(StrCat({"M", metric}));
    return modified != "X" ? modified : selected;
  }

 private:
  const MetricValues& values_;
  bool base_only_;
};

double Level(std::string_view metric, std::string_view value) {
  for (const auto& l : cvss_v4::kMetricLevels) {
    if (l.metric == metric && l.value == value) return l.level;
  }
  return 0;
}

std::optional<double> MacroScore(const std::array<int, 6>& eq) {
  std::string macro;
  for (int digit : eq) macro += static_cast<char>('0' + digit);
  for (const auto& m : cvss_v4::kMacroScores) {
    if (m.macro == macro) return m.score;
  }
  return std::nullopt;  // no lower macro vector in that direction
}

std::array<int, 6> MacroVector(const Selected& s) {
  auto is = [&](std::string_view metric, std::string_view value) { return s.M(metric) == value; };
  std::array<int, 6> eq{};
  bool av_n = is("AV", "N"), pr_n = is("PR", "N"), ui_n = is("UI", "N");
  if (av_n && pr_n && ui_n) {
    eq[0] = 0;
  } else if ((av_n || pr_n || ui_n) && !is("AV", "P")) {
    eq[0] = 1;
  } else {
    eq[0] = 2;
  }
  eq[1] = is("AC", "L") && is("AT", "N") ? 0 : 1;
  bool vc_h = is("VC", "H"), vi_h = is("VI", "H"), va_h = is("VA", "H");
  eq[2] = vc_h && vi_h ? 0 : (vc_h || vi_h || va_h) ? 1 : 2;
  if (is("MSI", "S") || is("MSA", "S")) {
    eq[3] = 0;
  } else {
    eq[3] = is("SC", "H") || is("SI", "H") || is("SA", "H") ? 1 : 2;
  }
  eq[4] = is("E", "A") ? 0 : is("E", "P") ? 1 : 2;
  eq[5] = (is("CR", "H") && vc_h) || (is("IR", "H") && vi_h) || (is("AR", "H") && va_h) ? 0 : 1;
  return eq;
}

std::vector<std::string_view> MaxParts(std::string_view eq, int level, char eq6 = '-') {
  std::vector<std::string_view> out;
  for (const auto& m : cvss_v4::kMaxVectors) {
    if (m.eq == eq && m.level == '0' + level && m.eq6 == eq6) out.push_back(m.parts);
  }
  return out;
}

// The value `metric` has in a composed highest-severity vector "AV:N/PR:N/…/".
std::string_view ValueIn(std::string_view vector, std::string_view metric) {
  while (!vector.empty()) {
    size_t slash = vector.find('/');
    std::string_view part = vector.substr(0, slash);
    size_t colon = part.find(':');
    if (part.substr(0, colon) == metric) return part.substr(colon + 1);
    if (slash == std::string_view::npos) break;
    vector.remove_prefix(slash + 1);
  }
  return "";
}

int DepthOf(std::string_view eq, int level, char eq6 = '-') {
  for (const auto& d : cvss_v4::kDepths) {
    if (d.eq == eq && d.level == '0' + level && d.eq6 == eq6) return d.depth;
  }
  return 1;
}

double Score(const Selected& s) {
  bool no_impact = true;
  for (std::string_view m : {"VC", "VI", "VA", "SC", "SI", "SA"}) {
    no_impact = no_impact && s.M(m) == "N";
  }
  if (no_impact) return 0.0;

  const std::array<int, 6> eq = MacroVector(s);
  double value = MacroScore(eq).value_or(0);
  auto lower = [&](int index) {
    std::array<int, 6> next = eq;
    ++next[index];
    return MacroScore(next);
  };
  // The next lower macro vector of each set, when there is one. EQ3 and EQ6
  // move together: from 00 either way (the higher score wins), from 10 only
  // EQ6, otherwise EQ3.
  std::optional<double> eq3eq6_lower;
  if (eq[2] == 0 && eq[5] == 0) {
    auto left = lower(5), right = lower(2);
    eq3eq6_lower = left.value_or(NAN) > right.value_or(NAN) ? left : right;
  } else if (eq[2] == 1 && eq[5] == 0) {
    eq3eq6_lower = lower(5);
  } else if (eq[2] == 2) {
    eq3eq6_lower = std::nullopt;  // 21 has nothing below it
  } else {
    eq3eq6_lower = lower(2);
  }
  const std::array<std::optional<double>, 5> next_lower = {lower(0), lower(1), eq3eq6_lower,
                                                           lower(3), lower(4)};

  // The first composed highest-severity vector that the scored vector does
  // not exceed in any metric (the last one tried when none qualifies).
  std::array<double, kDistanceMetrics.size()> distance{};
  const char eq6 = static_cast<char>('0' + eq[5]);
  bool found = false;
  for (auto p1 : MaxParts("eq1", eq[0])) {
    for (auto p2 : MaxParts("eq2", eq[1])) {
      for (auto p36 : MaxParts("eq3", eq[2], eq6)) {
        for (auto p4 : MaxParts("eq4", eq[3])) {
          for (auto p5 : MaxParts("eq5", eq[4])) {
            if (found) continue;
            std::string max = std::string(p1) + std::string(p2) + std::string(p36) +
                              std::string(p4) + std::string(p5);
            bool all_non_negative = true;
            for (size_t i = 0; i < kDistanceMetrics.size(); ++i) {
              std::string_view metric = kDistanceMetrics[i];
              distance[i] = Level(metric, s.M(metric)) - Level(metric, ValueIn(max, metric));
              all_non_negative = all_non_negative && distance[i] >= 0;
            }
            found = all_non_negative;
          }
        }
      }
    }
  }
  enum { kAV, kPR, kUI, kAC, kAT, kVC, kVI, kVA, kSC, kSI, kSA, kCR, kIR, kAR };
  const std::array<double, 4> current = {
      distance[kAV] + distance[kPR] + distance[kUI],
      distance[kAC] + distance[kAT],
      distance[kVC] + distance[kVI] + distance[kVA] + distance[kCR] + distance[kIR] + distance[kAR],
      distance[kSC] + distance[kSI] + distance[kSA],
  };
  const double step = 0.1;
  const std::array<double, 4> max_severity = {
      DepthOf("eq1", eq[0]) * step, DepthOf("eq2", eq[1]) * step,
      DepthOf("eq3eq6", eq[2], eq6) * step, DepthOf("eq4", eq[3]) * step};

  int existing_lower = 0;
  std::array<double, 5> normalized{};
  for (size_t i = 0; i < next_lower.size(); ++i) {
    if (!next_lower[i]) continue;
    ++existing_lower;
    double available = value - *next_lower[i];
    // EQ5 has one value per level: its proportion is always 0.
    double percent = i < current.size() ? current[i] / max_severity[i] : 0;
    normalized[i] = available * percent;
  }
  double mean = 0;
  if (existing_lower > 0) {
    mean = (normalized[0] + normalized[1] + normalized[2] + normalized[3] + normalized[4]) /
           existing_lower;
  }
  value -= mean;
  if (value < 0) value = 0.0;
  if (value > 10) value = 10.0;
  // Half up at one decimal, lifted by an epsilon first: the interpolation can
  // land one ULP below a tie (5.6499999999999995 for 5.65). The reference
  // calculator does the same since 2024-11-01.
  const double epsilon = 1e-6;
  return std::round((value + epsilon) * 10) / 10;
}

}  // namespace

Result<CvssScores> ScoreV4(std::string_view body) {
  auto parsed = ParseMetrics(body, Specs(), /*ordered=*/true, "4.0");
  if (!parsed.ok()) return parsed.status();
  const MetricValues& values = parsed.value();
  auto defined = [&](size_t i) { return !values[i].empty() && values[i] != "X"; };
  bool threat = defined(kFirstThreat);
  bool environmental = false;
  for (size_t i = kFirstEnvironmental; i < kFirstSupplemental; ++i) {
    environmental = environmental || defined(i);
  }
  CvssScores out;
  out.version = CvssVersion::kV4_0;
  out.base_score = Score(Selected(values, /*base_only=*/true));
  out.score = Score(Selected(values, /*base_only=*/false));
  out.nomenclature = std::string("CVSS-B") + (threat ? "T" : "") + (environmental ? "E" : "");
  return out;
}

}  // namespace srcbot::core::cvss_internal
