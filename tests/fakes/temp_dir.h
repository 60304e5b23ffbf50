#pragma once
// A fresh directory per test under the system temp directory, removed with
// everything in it.

#include <filesystem>
#include <string>

namespace srcbot::testing {

// Names use the process id and a counter, not randomness: unique within a run,
// and across the processes ctest runs side by side. The destructor first makes
// anything a test made read-only writable again, so that it can be removed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The path of `name` inside the directory; nothing is created.
  std::string File(const std::string& name) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace srcbot::testing
