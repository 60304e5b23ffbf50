#pragma once
// The mail TLS tests' certificate: made in `dir`, or the test stops with
// openssl's output.
#include <catch2/catch.hpp>

#include "tests/fakes/temp_dir.h"
#include "tests/fakes/test_certificate.h"

namespace srcbot::testing {

inline TestCertificate RequireCertificate(const TempDir& dir) {
  auto made = MakeLoopbackCertificate(dir.path().string());
  INFO(made.status().message());
  REQUIRE(made.ok());
  return made.value();
}

}  // namespace srcbot::testing
