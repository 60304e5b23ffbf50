// The release gate through the real binary: srcbot console with GitHub
// configured, against a FakeGithub on 127.0.0.1 (docs/release-gate.md).
#include <catch2/catch.hpp>

#include "tests/fakes/fake_github.h"
#include "tests/fakes/srcbot_process.h"

using namespace srcbot::testing;

TEST_CASE("scenario: the console refuses an unsigned GitHub release and releases a signed one",
          "[scenario][release-gate]") {
  FakeGithub github;
  REQUIRE(github.Start().ok());
  github.AddRepo("acme/widget");
  github.AddRelease("acme/widget", "v1.4.1", false,
                    {"widget-linux", "widget-linux.sigstore.json", "widget.exe"});
  github.AddRelease("acme/widget", "v1.4.2", false,
                    {"widget-linux", "widget-linux.sigstore.json", "widget.exe", "widget.exe.sig",
                     "widget.exe.pem", "checksums.txt"});
  TempDir dir;
  const std::string script =
      "report \"Heap overflow\" --repo acme/widget\n"
      "ack SRC-1\n"
      "triage SRC-1 --replicated yes\n"
      "team SRC-1 add @dana\n"
      "fixed SRC-1\n"
      "cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"
      "summary SRC-1 \"A crafted file crashes the parser.\"\n"
      "cve SRC-1 set CVE-2026-4242\n"
      "release-day SRC-1 next\n"
      "release SRC-1 --version 1.4.1 --release-url "
      "https://github.com/acme/widget/releases/tag/v1.4.1\n"
      "release SRC-1 --version 1.4.2 --release-url "
      "https://github.com/acme/widget/releases/tag/v1.4.2\n"
      "export SRC-1 --format osv\n";
  auto run =
      RunSrcbot(dir,
                "console --github-token " + std::string(FakeGithub::kToken) + " --github-api-url " +
                    github.api_url() + " --osv-dir " + dir.path().string(),
                script);
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK_THAT(run.output, Catch::Contains("widget.exe is not signed"));
  CHECK_THAT(run.output, Catch::Contains("Release gate passed"));
  CHECK_THAT(run.output, Catch::Contains("SRC-1 released as 1.4.2"));
  CHECK_THAT(run.output, !Catch::Contains("SRC-1 released as 1.4.1"));
  CHECK_THAT(run.output, Catch::Contains("\"id\": \"CVE-2026-4242\""));
  CHECK_THAT(run.output, Catch::Contains("OSV record written to"));
  CHECK(github.Calls("GET", "/repos/acme/widget/releases/tags/v1.4.2").size() == 1);
  CHECK(run.output.find(FakeGithub::kToken) == std::string::npos);
}
