#pragma once
// `srcbot export <case>`: a case and its timeline as Markdown (for a
// retrospective document) or JSON (for other tools).

#include <string>
#include <vector>

#include "core/case.h"
#include "core/event.h"

namespace srcbot::app {

std::string ExportMarkdown(const core::Case& c, const std::vector<core::Event>& timeline);
std::string ExportJson(const core::Case& c, const std::vector<core::Event>& timeline);

}  // namespace srcbot::app
