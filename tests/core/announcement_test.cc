#include "core/announcement.h"

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

using namespace srcbot;

namespace {

core::Case Ready() {
  core::Case c;
  c.id = 1;
  c.title = "Signature bypass in cosign verify";
  c.repo = "sigstore/cosign";
  c.affected = "< 2.2.1";
  c.cve = "CVE-2026-1234";
  c.cvss_score = 8.1;
  c.cvss_vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H";
  c.public_summary = "A crafted bundle could make cosign verify accept a forged signature.";
  c.release_url = "https://github.com/sigstore/cosign/releases/tag/v2.2.1";
  c.advisory_url = "https://github.com/sigstore/cosign/security/advisories/GHSA-abcd-efgh-ijkl";
  c.credit = "Rita Reporter";
  c.reporter = "Rita Reporter <rita@example.com>";
  return c;
}

std::string Golden(const std::string& name) {
  std::ifstream in(std::string(SRCBOT_SOURCE_DIR) + "/tests/data/" + name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("announcement: matches the golden e-mail", "[release]") {
  core::Announcement a = core::RenderAnnouncement(Ready(), "2.2.1");
  CHECK(a.missing.empty());
  CHECK(a.subject == "Security release of sigstore/cosign 2.2.1 is now available");
  CHECK(a.body == Golden("announcement_golden.txt"));
}

TEST_CASE("announcement: missing fields are listed, never left blank", "[release]") {
  core::Case c = Ready();
  c.cve.clear();
  c.cvss_score.reset();
  c.public_summary.clear();
  core::Announcement a = core::RenderAnnouncement(c, "");
  CHECK(a.missing == std::vector<std::string>{
                         "fixed version (/src announce <case> --version <v>)", "CVE (/src cve <case> set CVE-…)",
                         "public summary (/src summary <case> \"…\")", "CVSS score (/src cvss <case> <vector>)"});
  CHECK_THAT(a.body, Catch::Contains("[missing: CVE]: CVSS [missing: CVSS score]"));
  CHECK_THAT(a.subject, Catch::Contains("[missing: fixed version]"));
}

TEST_CASE("announcement: the reporter is named only with consent", "[release]") {
  core::Case c = Ready();
  CHECK_THAT(core::RenderAnnouncement(c, "2.2.1").body, Catch::Contains("We thank Rita Reporter"));
  c.credit.clear();
  std::string body = core::RenderAnnouncement(c, "2.2.1").body;
  CHECK_THAT(body, !Catch::Contains("Rita") && Catch::Contains("asked not to be named"));
  CHECK_THAT(body, !Catch::Contains("Signature bypass"));  // the internal title stays internal
}
