#include "core/release.h"

#include <catch2/catch.hpp>

#include "core/public_release.h"
#include "tests/fakes/fake_clock.h"

using namespace srcbot;
using core::Stage;

namespace {

const core::Actor kAlice{"alice", true, "src"};

// A case ready for release, with a canary in every field that is not public.
core::Case Fixed() {
  core::Case c;
  c.id = 7;
  c.title = "CANARY-TITLE";
  c.repo = "acme/widget";
  c.affected = "CANARY-AFFECTED";
  c.upstream = "CANARY-UPSTREAM";
  c.reporter = "CANARY-REPORTER";
  c.credit = "CANARY-CREDIT";
  c.lead = "CANARYLEAD";
  c.team = {{"CANARYTEAM", false, true, false, "canary-gh"}};
  c.cvss_vector = "CVSS:3.1/CANARY";
  c.cvss_score = 7.5;
  c.cve = "CVE-2026-1234";
  c.public_summary = "A crafted file crashes the parser.";
  c.advisory_url = "https://github.com/acme/widget/security/advisories/GHSA-1";
  c.stage = Stage::kReleaseScheduled;
  c.fixed_at = testing::TestNow();
  c.release_day = testing::TestNow();
  return c;
}

core::ReleaseCommand Cmd() { return {"1.4.2", "https://example.com/r/1.4.2", ""}; }

}  // namespace

TEST_CASE("release: lifts the embargo and queues one public post per public channel", "[release]") {
  auto change = core::Release(Fixed(), Cmd(), kAlice, testing::TestNow());
  REQUIRE(change.ok());
  const core::Case& after = change.value().after;
  CHECK_FALSE(after.embargoed);
  CHECK(after.stage == Stage::kReleased);
  CHECK(after.released_at == testing::TestNow());
  CHECK(after.fixed_version == "1.4.2");
  CHECK(after.release_url == "https://example.com/r/1.4.2");
  const auto& messages = change.value().messages;
  REQUIRE(messages.size() == 3);
  CHECK(messages[0].audience == core::Audience::kSrcChannel);
  CHECK(messages[0].about == std::vector<core::CaseId>{7});
  for (int i : {1, 2}) {
    CHECK(messages[i].release_of == std::optional<core::CaseId>(7));
    CHECK(messages[i].text.empty());  // the guard renders it from the public fields
    CHECK(messages[i].about.empty());
  }
  CHECK(messages[1].audience == core::Audience::kGeneralChannel);
  CHECK(messages[2].audience == core::Audience::kDevelopmentChannel);
}

TEST_CASE("release: refused before the fix, twice, by non-members, or without version and link",
          "[release]") {
  core::Case c = Fixed();
  SECTION("no fix yet") {
    c.fixed_at.reset();
    CHECK(core::Release(c, Cmd(), kAlice, testing::TestNow()).status().code() == core::Code::kConflict);
  }
  SECTION("each missing prerequisite is named") {
    c.cvss_score.reset();
    c.public_summary.clear();
    c.release_day.reset();
    auto refused = core::Release(c, Cmd(), kAlice, testing::TestNow());
    CHECK(refused.status().message() ==
          "SRC-7 cannot be released without a CVSS score (/src cvss SRC-7 <vector>), a public "
          "summary (/src summary SRC-7 \"…\"), a release day (/src release-day SRC-7)");
    c.cvss_score = 3.1;
    c.release_day = testing::TestNow();
    CHECK_THAT(core::Release(c, Cmd(), kAlice, testing::TestNow()).status().message(),
               Catch::Contains("without a public summary") && !Catch::Contains("CVSS"));
  }
  SECTION("still in triage") {
    c.stage = Stage::kTriage;
    CHECK(core::Release(c, Cmd(), kAlice, testing::TestNow()).status().code() == core::Code::kConflict);
  }
  SECTION("already released") {
    c = core::Release(c, Cmd(), kAlice, testing::TestNow()).value().after;
    CHECK(core::Release(c, Cmd(), kAlice, testing::TestNow()).status().code() == core::Code::kConflict);
  }
  SECTION("not an SRC member") {
    core::Actor dana{"dana", false, "src"};
    CHECK(core::Release(c, Cmd(), dana, testing::TestNow()).status().code() ==
          core::Code::kPermissionDenied);
  }
  SECTION("missing or malformed fields") {
    CHECK(core::Release(c, {"", "https://x.test/r", ""}, kAlice, testing::TestNow()).status().message() ==
          "release needs --version");
    CHECK_FALSE(core::Release(c, {"1.0", "ftp://x.test/r", ""}, kAlice, testing::TestNow()).ok());
    CHECK_FALSE(core::Release(c, {"1.0", "https://x.test/r", "not a url"}, kAlice, testing::TestNow()).ok());
  }
}

TEST_CASE("release post: the public fields and nothing else", "[release]") {
  core::Case c = core::Release(Fixed(), Cmd(), kAlice, testing::TestNow()).value().after;
  c.announcement_url = "https://lists.example.com/ann/1";
  std::string post = core::RenderReleasePost(core::PublicFieldsOf(c));
  for (const char* expected : {"acme/widget", "1.4.2", "CVE-2026-1234", "CVSS 7.5 (High)",
                               "A crafted file crashes the parser.", "https://example.com/r/1.4.2",
                               "GHSA-1", "https://lists.example.com/ann/1",
                               "Upgrading to 1.4.2 is encouraged."}) {
    INFO(expected);
    CHECK(post.find(expected) != std::string::npos);
  }
  CHECK(post.find("CANARY") == std::string::npos);
  CHECK(post.find("canary") == std::string::npos);
}

TEST_CASE("release post: user text is escaped, so a summary cannot ping the channel", "[release]") {
  core::PublicRelease r;
  r.project = "acme/widget";
  r.summary = "<!channel> look";
  CHECK(core::RenderReleasePost(r).find("<!channel>") == std::string::npos);
}

TEST_CASE("summary: sets the public summary, SRC only, not on closed cases", "[release]") {
  core::Case c = Fixed();
  auto change = core::SetSummary(c, {"New text"}, kAlice, testing::TestNow());
  REQUIRE(change.ok());
  CHECK(change.value().after.public_summary == "New text");
  CHECK_FALSE(core::SetSummary(c, {""}, kAlice, testing::TestNow()).ok());
  CHECK_FALSE(core::SetSummary(c, {"x"}, core::Actor{"eve", false, "src"}, testing::TestNow()).ok());
  c.stage = Stage::kClosed;
  CHECK_FALSE(core::SetSummary(c, {"x"}, kAlice, testing::TestNow()).ok());
}
