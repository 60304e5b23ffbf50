#include "app/cvss_command.h"

#include "core/cvss.h"

namespace srcbot::app {

nlohmann::ordered_json CvssJson(const std::string& vector) {
  nlohmann::ordered_json out;
  out["vector"] = vector;
  auto scored = core::ScoreCvss(vector);
  if (!scored.ok()) {
    out["error"] = scored.status().message();
    return out;
  }
  const core::CvssScores& s = scored.value();
  out["version"] = std::string(core::CvssVersionName(s.version));
  out["base_score"] = s.base_score;
  out["base_severity"] = std::string(core::SeverityName(core::SeverityOf(s.base_score)));
  if (s.version == core::CvssVersion::kV4_0) {
    out["score"] = s.score;
    out["severity"] = std::string(core::SeverityName(core::SeverityOf(s.score)));
    out["nomenclature"] = s.nomenclature;
  } else {
    out["temporal_score"] = s.temporal_score;
    out["environmental_score"] = s.environmental_score;
  }
  return out;
}

int PrintCvss(const std::vector<std::string>& vectors, std::ostream& out) {
  int status = 0;
  for (const std::string& vector : vectors) {
    nlohmann::ordered_json line = CvssJson(vector);
    if (line.contains("error")) status = 1;
    // Invalid UTF-8 in a vector is replaced rather than thrown on: the input is untrusted.
    out << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  }
  return status;
}

}  // namespace srcbot::app
