#pragma once
// The part of CVSS parsing that every version shares, and the per-version
// scorers that cvss.cc dispatches to. Internal to core/cvss*.cc.

#include <string>
#include <string_view>
#include <vector>

#include "core/cvss.h"

namespace srcbot::core::cvss_internal {

// One metric of a version's vector string: its abbreviation, the values it
// accepts, and whether every vector must carry it.
struct MetricSpec {
  std::string_view name;
  std::vector<std::string_view> values;
  bool mandatory = false;
};

// A parsed vector: the value of each metric, parallel to its spec table, ""
// where the vector does not name it.
using MetricValues = std::vector<std::string>;

// Splits `body` (the vector after "CVSS:x.y/") into NAME:VALUE metrics and
// checks each against `specs`. With `ordered`, the metrics must follow the
// order of `specs`. `version` ("3.1") only words the errors.
Result<MetricValues> ParseMetrics(std::string_view body, const std::vector<MetricSpec>& specs,
                                  bool ordered, std::string_view version);

// `text` in double quotes, cut to a readable length: errors quote the input.
std::string Quote(std::string_view text);

Result<CvssScores> ScoreV3(CvssVersion version, std::string_view body);
Result<CvssScores> ScoreV4(std::string_view body);

}  // namespace srcbot::core::cvss_internal
