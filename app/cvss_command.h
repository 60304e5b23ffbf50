#pragma once
// `srcbot cvss <vector>…` (SPEC §6, docs/cvss.md): scores CVSS vectors
// without a database or Slack, one JSON object per vector.

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace srcbot::app {

// The object for one vector, keys in this order:
//   v3.x  {"vector","version","base_score","base_severity","temporal_score","environmental_score"}
//   v4.0  {"vector","version","base_score","base_severity","score","severity","nomenclature"}
//   invalid {"vector","error"} with the reason.
// base_score is v4.0's CVSS-B score; `score` is the score of every metric given.
nlohmann::ordered_json CvssJson(const std::string& vector);

// Writes CvssJson of each vector to `out`, one compact object per line, in
// order. Returns the exit status: 1 when any vector was invalid, else 0.
int PrintCvss(const std::vector<std::string>& vectors, std::ostream& out);

}  // namespace srcbot::app
