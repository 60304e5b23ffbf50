// The release posts through the real handlers, guard and outbox: exactly one
// per public channel even when Slack fails and recovers, and an announcement
// link added later edits them instead of posting again.
#include <catch2/catch.hpp>

#include "tests/bot/egress/embargo_world.h"

using namespace srcbot;
using testing::EmbargoWorld;

namespace {

int Count(const EmbargoWorld& w, const std::string& kind, const std::string& channel) {
  int n = 0;
  for (const testing::Sent& s : *w.sent) n += s.kind == kind && s.where == channel;
  return n;
}

void ReadyToRelease(EmbargoWorld& w) {
  for (const char* command :
       {"report \"Heap overflow\" --repo acme/widget --reporter \"Jane Doe\"", "ack SRC-1",
        "triage SRC-1 --replicated yes", "team SRC-1 add <@UDANA>", "fixed SRC-1",
        "cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "summary SRC-1 \"A crafted file crashes the parser.\"", "release-day SRC-1 next"}) {
    w.Command("UALICE", "CSRC", command);
  }
  REQUIRE(w.store.cases[1].stage == core::Stage::kReleaseScheduled);
}

}  // namespace

TEST_CASE("release posts: one per public channel, through a Slack outage", "[release]") {
  EmbargoWorld w;
  ReadyToRelease(w);
  w.sink->fail = true;
  w.Command("UALICE", "CSRC", "release SRC-1 --version 1.4.2 --release-url https://example.com/r");
  w.Drain();
  CHECK(Count(w, "post", "CGEN") == 0);
  w.sink->fail = false;
  w.Drain();
  w.Drain();
  CHECK(Count(w, "post", "CGEN") == 1);
  CHECK(Count(w, "post", "CDEV") == 1);

  w.Command("UALICE", "CSRC", "link SRC-1 https://lists.example.com/ann/1 --announcement");
  CHECK(Count(w, "post", "CGEN") == 1);
  REQUIRE(Count(w, "update", "CGEN") == 1);
  REQUIRE(Count(w, "update", "CDEV") == 1);
  for (const testing::Sent& s : *w.sent) {
    if (s.kind != "update") continue;
    CHECK(s.user.starts_with("ts"));  // the ref of the earlier post
    CHECK_THAT(s.text, Catch::Contains("Announcement: https://lists.example.com/ann/1") &&
                           Catch::Contains("acme/widget 1.4.2") && !Catch::Contains("Heap") &&
                           !Catch::Contains("Jane"));
  }
}

TEST_CASE("release posts: an announcement link before the posts went out rides along", "[release]") {
  EmbargoWorld w;
  ReadyToRelease(w);
  w.sink->fail = true;  // the posts are still waiting when the link comes
  w.Command("UALICE", "CSRC", "release SRC-1 --version 1.4.2 --release-url https://example.com/r");
  w.Command("UALICE", "CSRC", "link SRC-1 https://lists.example.com/ann/2 --announcement");
  w.sink->fail = false;
  w.Drain();
  CHECK(Count(w, "post", "CGEN") == 1);
  CHECK(Count(w, "update", "CGEN") <= 1);  // an edit to the same text does no harm
  for (const testing::Sent& s : *w.sent) {
    if (s.where == "CGEN") CHECK_THAT(s.text, Catch::Contains("https://lists.example.com/ann/2"));
  }
}
