#pragma once
// What this binary is: srcbot's version (the project's VERSION in
// CMakeLists.txt, also the Debian package's) and the git commit it was built
// from (12 hex digits, "-dirty" when tracked files differed from it, "unknown"
// outside a checkout). Generated at build time by scripts/version.cmake.
// Shown by `srcbot --version`, `--help`, the startup log line and the
// srcbot_build_info metric.

#include <string>
#include <string_view>

namespace srcbot::config {

std::string_view Version();
std::string_view Commit();

// "srcbot 0.1.0 (commit 0123456789ab)": the line `srcbot --version` prints.
inline std::string VersionLine() {
  return "srcbot " + std::string(Version()) + " (commit " + std::string(Commit()) + ")";
}

}  // namespace srcbot::config
