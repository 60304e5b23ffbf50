#pragma once
// `srcbot export <case>`: a case, its timeline and the embargo guard's
// decisions about it, as Markdown (for a retrospective document, with a
// Mermaid Gantt chart of the stages against their deadlines) or JSON (for
// other tools).

#include <string>
#include <vector>

#include "core/case.h"
#include "core/case_store.h"
#include "core/event.h"

namespace srcbot::app {

// `now` ends the bars of stages still open in the Gantt chart.
std::string ExportMarkdown(const core::Case& c, const std::vector<core::Event>& timeline,
                           const std::vector<core::EmbargoDecision>& decisions = {},
                           core::TimePoint now = {});
std::string ExportJson(const core::Case& c, const std::vector<core::Event>& timeline,
                       const std::vector<core::EmbargoDecision>& decisions = {});

}  // namespace srcbot::app
