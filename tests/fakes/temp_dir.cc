#include "tests/fakes/temp_dir.h"

#include <unistd.h>

#include <atomic>
#include <system_error>

namespace srcbot::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("srcbot_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
  fs::remove_all(path_);  // left behind by an earlier process with the same id
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  // A test may have made a file or subdirectory read-only; make it removable again.
  for (auto it = fs::recursive_directory_iterator(path_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

std::string TempDir::File(const std::string& name) const { return (path_ / name).string(); }

}  // namespace srcbot::testing
