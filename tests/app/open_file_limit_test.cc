#include "app/open_file_limit.h"

#include <sys/resource.h>

#include <catch2/catch.hpp>

using srcbot::app::ConnectionsFor;
using srcbot::app::kReservedDescriptors;
using srcbot::app::RaiseOpenFileLimit;

TEST_CASE("open files: the connection cap keeps descriptors back for everything else") {
  CHECK(ConnectionsFor(8192, 4096) == 4096);
  CHECK(ConnectionsFor(1024, 4096) == 1024 - kReservedDescriptors);
  CHECK(ConnectionsFor(100, 4096) == 1);  // too small to reserve: still one
  CHECK(ConnectionsFor(-1, 4096) == 4096);
}

TEST_CASE("open files: the soft limit is raised, never past the hard one, never lowered") {
  rlimit before{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &before) == 0);
  const long now = RaiseOpenFileLimit(64);  // below any real limit: left alone
  CHECK(now == static_cast<long>(before.rlim_cur));
  rlimit after{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &after) == 0);
  CHECK(after.rlim_cur == before.rlim_cur);
  if (before.rlim_max != RLIM_INFINITY && before.rlim_max > 512) {
    rlimit low = before;
    low.rlim_cur = 512;
    REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
    const long raised = RaiseOpenFileLimit(static_cast<long>(before.rlim_max) + 1000);
    CHECK(raised == static_cast<long>(before.rlim_max));
    REQUIRE(setrlimit(RLIMIT_NOFILE, &before) == 0);
  }
}
