#include "core/cvss.h"

#include <charconv>
#include <cmath>

#include "core/cvss_metrics.h"
#include "core/str_cat.h"

namespace srcbot::core {
namespace cvss_internal {
namespace {

constexpr size_t kMaxQuoted = 24;
// The longest valid vector (v4.0 with every metric, U:Amber) is under 250
// characters; anything far longer is not a vector and is refused before parsing.
constexpr size_t kMaxVectorLength = 512;

size_t IndexOf(const std::vector<MetricSpec>& specs, std::string_view name) {
  for (size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name == name) return i;
  }
  return specs.size();
}

std::string ValueList(const MetricSpec& spec) {
  std::string out;
  for (size_t i = 0; i < spec.values.size(); ++i) {
    if (i > 0) out += i + 1 == spec.values.size() ? " or " : ", ";
    out += spec.values[i];
  }
  return out;
}

}  // namespace

std::string Quote(std::string_view text) {
  if (text.size() <= kMaxQuoted) return StrCat({"\"", text, "\""});
  size_t cut = kMaxQuoted;
  // Never split a UTF-8 sequence: back off over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return StrCat({"\"", text.substr(0, cut), "…\""});
}

Result<MetricValues> ParseMetrics(std::string_view body, const std::vector<MetricSpec>& specs,
                                  bool ordered, std::string_view version) {
  MetricValues values(specs.size());
  size_t last = 0;  // spec index of the previous metric, for the order check
  std::string_view last_name;
  while (true) {
    size_t slash = body.find('/');
    std::string_view part = body.substr(0, slash);
    if (part.empty()) return Status::Invalid("empty metric: a stray \"/\"");
    size_t colon = part.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == part.size()) {
      return Status::Invalid("malformed metric " + Quote(part) + ": expected NAME:VALUE");
    }
    std::string_view name = part.substr(0, colon);
    std::string_view value = part.substr(colon + 1);
    size_t index = IndexOf(specs, name);
    if (index == specs.size()) {
      return Status::Invalid("unknown metric " + Quote(name) + " in a CVSS " +
                             std::string(version) + " vector");
    }
    const MetricSpec& spec = specs[index];
    if (!values[index].empty()) return Status::Invalid("duplicate metric " + std::string(name));
    bool known = false;
    for (std::string_view v : spec.values) known = known || v == value;
    if (!known) {
      return Status::Invalid("bad value " + Quote(value) + " for " + std::string(name) +
                             ": expected " + ValueList(spec));
    }
    if (ordered && !last_name.empty() && index < last) {
      return Status::Invalid("metric " + std::string(name) + " out of order: CVSS " +
                             std::string(version) + " lists it before " + std::string(last_name));
    }
    values[index] = std::string(value);
    last = index;
    last_name = spec.name;
    if (slash == std::string_view::npos) break;
    body.remove_prefix(slash + 1);
  }
  std::string missing;
  for (size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].mandatory && values[i].empty()) {
      missing += (missing.empty() ? "" : ", ") + std::string(specs[i].name);
    }
  }
  if (!missing.empty()) {
    bool several = missing.find(',') != std::string::npos;
    return Status::Invalid(std::string("missing mandatory metric") + (several ? "s " : " ") +
                           missing);
  }
  return values;
}

}  // namespace cvss_internal

std::string_view CvssVersionName(CvssVersion version) {
  switch (version) {
    case CvssVersion::kV3_0:
      return "3.0";
    case CvssVersion::kV3_1:
      return "3.1";
    case CvssVersion::kV4_0:
      return "4.0";
  }
  return "?";
}

Severity SeverityOf(double score) {
  // Scores are multiples of 0.1; compare in tenths so that 3.9 and 4.0 fall
  // on the right sides of the band edges whatever their binary representation.
  long tenths = std::lround(score * 10);
  if (tenths <= 0) return Severity::kNone;
  if (tenths < 40) return Severity::kLow;
  if (tenths < 70) return Severity::kMedium;
  if (tenths < 90) return Severity::kHigh;
  return Severity::kCritical;
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNone:
      return "None";
    case Severity::kLow:
      return "Low";
    case Severity::kMedium:
      return "Medium";
    case Severity::kHigh:
      return "High";
    case Severity::kCritical:
      return "Critical";
  }
  return "?";
}

double CvssScores::Overall() const {
  if (version == CvssVersion::kV4_0) return score;
  if (has_environmental) return environmental_score;
  if (has_temporal) return temporal_score;
  return base_score;
}

std::string CvssScores::OverallName() const {
  if (version == CvssVersion::kV4_0) return nomenclature;
  if (has_environmental) return "environmental";
  if (has_temporal) return "temporal";
  return "base";
}

std::string FormatCvssScore(double score) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, score, std::chars_format::fixed, 1);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string DescribeCvss(const CvssScores& scores) {
  const double overall = scores.Overall();
  std::string text =
      FormatCvssScore(overall) + " " + std::string(SeverityName(SeverityOf(overall))) + " (";
  const std::string version(CvssVersionName(scores.version));
  if (scores.version == CvssVersion::kV4_0) {
    text += scores.nomenclature + ", CVSS " + version;
    if (scores.nomenclature != "CVSS-B") text += "; CVSS-B " + FormatCvssScore(scores.base_score);
  } else {
    text += "CVSS " + version + " " + scores.OverallName() + " score";
    if (scores.OverallName() != "base") text += "; base " + FormatCvssScore(scores.base_score);
  }
  return text + ")";
}

Result<CvssScores> ScoreCvss(std::string_view vector) {
  if (vector.empty()) return Status::Invalid("empty vector");
  if (vector.size() > cvss_internal::kMaxVectorLength) {
    return Status::Invalid("not a CVSS vector: " + std::to_string(vector.size()) +
                           " characters long");
  }
  constexpr std::string_view kPrefix = "CVSS:";
  if (vector.substr(0, kPrefix.size()) != kPrefix) {
    return Status::Invalid("not a CVSS vector " + cvss_internal::Quote(vector) +
                           ": it must start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/");
  }
  std::string_view rest = vector.substr(kPrefix.size());
  size_t slash = rest.find('/');
  std::string_view version = rest.substr(0, slash);
  std::string_view body = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (version != "3.0" && version != "3.1" && version != "4.0") {
    return Status::Invalid("unsupported CVSS version " + cvss_internal::Quote(version) +
                           ": expected 3.0, 3.1 or 4.0");
  }
  if (body.empty()) return Status::Invalid("no metrics after CVSS:" + std::string(version) + "/");
  if (version == "4.0") return cvss_internal::ScoreV4(body);
  return cvss_internal::ScoreV3(version == "3.0" ? CvssVersion::kV3_0 : CvssVersion::kV3_1, body);
}

}  // namespace srcbot::core
