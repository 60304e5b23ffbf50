#include <catch2/catch.hpp>

#include "core/release_gate.h"

using namespace srcbot::core;

namespace {

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

GithubRelease Release(std::vector<std::string> assets, bool draft = false) {
  return GithubRelease{"v1.4.2", "https://github.com/acme/widget/releases/tag/v1.4.2", draft, false,
                       std::move(assets)};
}

}  // namespace

TEST_CASE("release gate: which assets count as binaries", "[release-gate]") {
  for (const char* binary : {"cosign-linux-amd64", "widget_1.4.2_darwin_arm64.tar.gz", "widget.exe",
                             "widget-1.4.2.deb", "widget-1.4.2.tgz", "widget.zip"}) {
    INFO(binary);
    CHECK(IsBinaryAsset(binary));
  }
  for (const char* other :
       {"cosign-linux-amd64.sig", "cosign-linux-amd64.pem", "x.sigstore.json", "x.sigstore",
        "checksums.txt", "widget_1.4.2_checksums.txt", "SHA256SUMS", "x.sha256", "README.md",
        "x.intoto.jsonl", "sbom.spdx.json", "NOTES.TXT", "x.asc", "x.crt"}) {
    INFO(other);
    CHECK_FALSE(IsBinaryAsset(other));
  }
}

TEST_CASE("release gate: a release signed with bundles or .sig + .pem passes", "[release-gate]") {
  auto r =
      Release({"widget-linux", "widget-linux.sigstore.json", "widget-mac", "widget-mac.sigstore",
               "widget.exe", "widget.exe.sig", "widget.exe.pem", "checksums.txt"});
  CHECK(ReleaseProblems(r, "acme/widget", "1.4.2").empty());
}

TEST_CASE("release gate: each unsigned binary is named", "[release-gate]") {
  auto problems = Joined(ReleaseProblems(Release({"widget-linux", "widget-linux.sigstore.json",
                                                  "widget-mac", "widget.exe", "widget.exe.sig"}),
                                         "acme/widget", "1.4.2"));
  CHECK_THAT(problems, Catch::Contains("widget-mac is not signed"));
  CHECK_THAT(problems,
             Catch::Contains("widget.exe has widget.exe.sig but no certificate widget.exe.pem"));
  CHECK_THAT(problems, !Catch::Contains("widget-linux "));
}

TEST_CASE("release gate: missing, draft and empty releases are refused", "[release-gate]") {
  CHECK(Joined(ReleaseProblems(std::nullopt, "acme/widget", "1.4.2")) ==
        "no GitHub release of 1.4.2 in acme/widget\n");
  CHECK_THAT(
      Joined(ReleaseProblems(Release({"a", "a.sigstore.json"}, true), "acme/widget", "1.4.2")),
      Catch::Contains("still a draft"));
  CHECK_THAT(Joined(ReleaseProblems(Release({}), "acme/widget", "1.4.2")),
             Catch::Contains("no assets"));
  CHECK_THAT(
      Joined(ReleaseProblems(Release({"notes.md", "checksums.txt"}), "acme/widget", "1.4.2")),
      Catch::Contains("no binary assets"));
}

TEST_CASE("release gate: tags tried for a version", "[release-gate]") {
  CHECK(ReleaseTags("1.4.2") == std::vector<std::string>{"1.4.2", "v1.4.2"});
  CHECK(ReleaseTags("v1.4.2") == std::vector<std::string>{"v1.4.2", "1.4.2"});
  CHECK(ReleaseTags("").empty());
}
