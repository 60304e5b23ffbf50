#include <catch2/catch.hpp>

#include "app/record_writer.h"
#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;

namespace {

const app::AppRecordWriter kRecords("acme Security Response Committee");

struct Exports {
  Fixture f;
  std::unique_ptr<commands::CommandService> service;
  Exports() {
    f.options.records = &kRecords;
    service = std::make_unique<commands::CommandService>(f.store, f.clock, f.options);
    ReadyToRelease(f);
    f.Run("cve SRC-1 set CVE-2026-4242");
  }
  commands::Reply Run(const std::string& text, const std::string& user = "alice") {
    return service->Handle({user, "src", text});
  }
};

}  // namespace

TEST_CASE("export verb: OSV and CSAF are refused before release, as a case detail", "[export]") {
  Exports e;
  for (const char* format : {"osv", "csaf"}) {
    auto reply = e.Run(std::string("export SRC-1 --format ") + format);
    CHECK_THAT(reply.text, Catch::Contains("SRC-1 is not released yet"));
    // A detail: the guard shows it only where SRC-1's details may go.
    CHECK(reply.about == std::vector<core::CaseId>{1});
    CHECK(reply.fallback.empty());
  }
}

TEST_CASE("export verb: after release the OSV record and CSAF document are shown", "[export]") {
  Exports e;
  e.Run(
      "release SRC-1 --version 1.4.2 --release-url "
      "https://github.com/acme/widget/releases/tag/v1.4.2");
  auto osv = e.Run("export SRC-1 --format osv");
  CHECK_THAT(osv.text, Catch::Contains("\"id\": \"CVE-2026-4242\""));
  CHECK_THAT(osv.text, Catch::Contains("\"type\": \"CVSS_V3\""));
  CHECK(osv.about == std::vector<core::CaseId>{1});
  CHECK_THAT(e.Run("export SRC-1 --format csaf").text,
             Catch::Contains("\"csaf_security_advisory\""));
  CHECK_THAT(e.Run("export SRC-1").text, Catch::Contains("# SRC-1: Heap overflow"));
  CHECK_THAT(e.Run("export SRC-1 --format json").text, Catch::Contains("\"attached\""));
}

TEST_CASE("export verb: bad input and outsiders", "[export]") {
  Exports e;
  CHECK_THAT(e.Run("export SRC-1 --format pdf").text,
             Catch::Contains("--format takes osv, csaf, markdown or json"));
  CHECK_THAT(e.Run("export SRC-9 --format osv").text, Catch::Contains("SRC-9"));
  CHECK_THAT(e.Run("export SRC-1 --format osv", "dana").text, !Catch::Contains("not released"));
}
