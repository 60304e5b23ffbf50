#pragma once
// Helpers shared by the store tests: a settable fake clock, a temporary
// directory removed with everything in it, and whole-file reads.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "core/time.h"

namespace srcbot::store::testing {

inline core::TimePoint T(std::int64_t seconds) { return core::TimePoint(core::Duration(seconds)); }

class FakeClock : public core::Clock {
 public:
  core::TimePoint Now() const override { return now; }
  core::TimePoint now = T(1'700'000'000);
};

// A fresh directory per test under the system temp directory. Names use the
// process id and a counter, not randomness, and are unique within a run.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("srcbot_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    // A test may have made a subdirectory read-only; make it removable again.
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ec);
    }
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace srcbot::store::testing
