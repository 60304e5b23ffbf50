#pragma once
// Helpers shared by the store tests: seconds as time points, whole-file reads
// and opening a connection that must open. The temporary directory and the
// fake clock are the ones every test uses, from tests/fakes.

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "core/time.h"
#include "store/sqlite_connection.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::store::testing {

using ::srcbot::testing::FakeClock;
using ::srcbot::testing::TempDir;
using ::srcbot::testing::TestNow;

inline core::TimePoint T(std::int64_t seconds) { return core::TimePoint(core::Duration(seconds)); }

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::unique_ptr<SqliteConnection> OpenOrFail(const std::string& path) {
  auto db = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWriteCreate);
  REQUIRE(db.ok());
  return std::move(db).value();
}

}  // namespace srcbot::store::testing
