#pragma once
// How the verbs get a case's exports as text (docs/advisory-records.md): the
// OSV record, the CSAF document, and the Markdown and JSON exports. JSON is
// written outside commands/ (app/record_writer implements this), so the
// verbs see only this interface.

#include <string>
#include <string_view>
#include <vector>

#include "core/advisory.h"
#include "core/case.h"
#include "core/case_store.h"
#include "core/event.h"
#include "core/result.h"

namespace srcbot::commands {

struct ExportInputs {
  const core::Case& c;
  const std::vector<core::Event>& timeline;
  const std::vector<core::EmbargoDecision>& decisions;
  const core::AdvisoryRecord& advisory;
  core::TimePoint now;
};

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // The export of `format` ("osv", "csaf", "markdown", "json"). osv and csaf
  // are kConflict before release (core/advisory_records.h).
  virtual core::Result<std::string> Render(std::string_view format,
                                           const ExportInputs& in) const = 0;
  // Writes `json` to <dir>/<id>.json atomically (a temporary file in `dir`,
  // then a rename), replacing an older copy.
  virtual core::Status WriteOsvFile(const std::string& dir, const std::string& id,
                                    const std::string& json) const = 0;
};

// "osv", "csaf", "markdown", "json": the formats `export` takes.
bool IsExportFormat(std::string_view format);

}  // namespace srcbot::commands
