// Runs the built srcbot binary as a newcomer would: a script on standard input,
// a database on disk, then a second run on the same database.
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/fakes/srcbot_process.h"

using srcbot::testing::TempDir;

namespace {

struct Run {
  int status;
  std::string out;
};

Run Srcbot(const TempDir& dir, const std::string& args, const std::string& script) {
  auto r = srcbot::testing::RunSrcbot(dir, args, script);
  return {r.exit_status, r.output};
}

}  // namespace

TEST_CASE("e2e: a case from report to close, kept across a restart") {
  TempDir dir;
  Run first = Srcbot(dir, "console",
                     "report \"Signature bypass in cosign verify\" --repo sigstore/cosign --received 2026-11-20T09:00Z\n"
                     "ack SRC-1\n"
                     ":as bob\n"
                     "triage SRC-1 --replicated yes --affected \"< 2.4.1\"\n"
                     "team SRC-1 add @dana --github dana-gh\n"
                     ":as dana\n"
                     "fixed SRC-1\n"
                     ":as carol\n"
                     "close SRC-1 --reason fixed\n");
  INFO(first.out);
  REQUIRE(first.status == 0);
  CHECK_THAT(first.out, Catch::Contains("[#src] New report SRC-1: Signature bypass in cosign verify (sigstore/cosign), received 2026-11-20 09:00 UTC via email, recorded by @alice."));
  CHECK_THAT(first.out, Catch::Contains("[#src] SRC-1 acknowledged by @alice. Next: triage"));
  CHECK_THAT(first.out, Catch::Contains("[#src] SRC-1 triaged by @bob: replicated; repo sigstore/cosign; affected < 2.4.1"));
  CHECK_THAT(first.out, Catch::Contains("[#src] @dana joins SRC-1's fix team by @bob (GitHub: dana-gh)."));
  CHECK_THAT(first.out, Catch::Contains("[#src] SRC-1: the fix is ready by @dana."));
  CHECK_THAT(first.out, Catch::Contains("[#src] SRC-1 closed as fixed by @carol."));

  Run second = Srcbot(dir, "serve", "show SRC-1\ntimeline SRC-1\n:in #general\nshow SRC-1\nlist --all\n");
  INFO(second.out);
  REQUIRE(second.status == 0);
  CHECK_THAT(second.out, Catch::Contains("[#src → @alice, only you] *SRC-1* Signature bypass in cosign verify"));
  CHECK_THAT(second.out, Catch::Contains("stage: closed (fixed)"));
  CHECK_THAT(second.out, Catch::Contains("fix team: @dana (GitHub dana-gh)"));
  for (const char* kind : {"New report SRC-1", "acknowledged by @alice", "triaged by @bob",
                           "joins SRC-1's fix team", "the fix is ready by @dana", "closed as fixed"}) {
    CHECK_THAT(second.out, Catch::Contains(kind));
  }
  // In #general: refusals only, with no detail.
  CHECK_THAT(second.out, Catch::Contains("[#general → @alice, only you] case details are only shown in the SRC's private channel"));
  size_t general = second.out.find("[#general");
  REQUIRE(general != std::string::npos);
  CHECK_THAT(second.out.substr(general), !Catch::Contains("Signature"));
  CHECK_THAT(second.out.substr(general), !Catch::Contains("cosign"));
}

TEST_CASE("e2e: the database refuses to be something else") {
  TempDir dir;
  std::ofstream(dir.path() / "srcbot.db") << "this is not a database, it is a shopping list\n";
  Run run = Srcbot(dir, "console", "list\n");
  CHECK(run.status != 0);
  CHECK_THAT(run.out, Catch::Contains("srcbot.db"));
}

TEST_CASE("e2e: usage errors exit 2 with one line") {
  TempDir dir;
  Run run = Srcbot(dir, "console --tick-seconds banana", "");
  CHECK(run.status == 2);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 1);
  CHECK_THAT(run.out, Catch::StartsWith("srcbot: "));
}

TEST_CASE("e2e: export and backup") {
  TempDir dir;
  REQUIRE(Srcbot(dir, "console", "report \"Leak | pipe\"\nack 1\n").status == 0);
  Run md = Srcbot(dir, "export SRC-1", "");
  CHECK(md.status == 0);
  CHECK_THAT(md.out, Catch::StartsWith("# SRC-1: Leak | pipe"));
  CHECK_THAT(md.out, Catch::Contains("acknowledged by @alice"));
  Run json = Srcbot(dir, "export 1 --format json", "");
  CHECK(json.status == 0);
  CHECK_THAT(json.out, Catch::Contains("\"id\": \"SRC-1\""));
  CHECK_THAT(json.out, Catch::Contains("\"kind\": \"acknowledged\""));
  Run missing = Srcbot(dir, "export SRC-9", "");
  CHECK(missing.status != 0);
  CHECK_THAT(missing.out, Catch::Contains("no case SRC-9"));

  std::string copy = (dir.path() / "copy.db").string();
  REQUIRE(Srcbot(dir, "backup " + copy, "").status == 0);
  Run again = Srcbot(dir, "backup " + copy, "");
  CHECK(again.status != 0);  // never overwrites a backup
}
