// The exported OSV and CSAF records against the official schemas kept in
// tests/data/schemas (their sources are in its README), validated by
// Debian's python3-jsonschema through validate_records.py.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/record_writer.h"
#include "core/cvss.h"
#include "tests/fakes/temp_dir.h"

using namespace srcbot;
using Json = nlohmann::json;

namespace {

const core::TimePoint kReleased = *core::ParseIsoTime("2026-12-03T16:05:00Z");

struct Sample {
  std::string name;
  core::Case c;
  core::AdvisoryRecord advisory;
  std::vector<core::Event> timeline;
};

core::Case Released(const std::string& vector) {
  core::Case c;
  c.id = 7;
  c.title = "internal title: never exported";
  c.repo = "sigstore/cosign";
  c.stage = core::Stage::kReleased;
  c.embargoed = false;
  c.released_at = kReleased;
  c.cvss_vector = vector;
  c.cvss_score = core::ScoreCvss(vector).value().Overall();
  c.fixed_version = "2.4.1";
  c.public_summary =
      "cosign verify accepted a bundle whose signature did not cover the artifact. "
      "An attacker could make a forged artifact pass verification.";
  c.release_url = "https://github.com/sigstore/cosign/releases/tag/v2.4.1";
  return c;
}

core::Event Link(const std::string& url) {
  return {7,       kReleased - std::chrono::hours(2),
          "alice", "src",
          "link",  "fix: " + url + " (added to SRC-7 by <@alice>)"};
}

std::vector<Sample> Samples() {
  std::vector<Sample> out;
  {  // v3.1, GHSA and CVE, credited reporter, a Go package, a fix PR
    Sample s{
        "v31-ghsa-cve-credit", Released("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"), {}, {}};
    s.c.cve = "CVE-2026-12345";
    s.c.ghsa_id = "GHSA-abcd-efgh-2345";
    s.c.credit = "Jane Doe, ACME";
    s.c.advisory_url = "https://github.com/sigstore/cosign/security/advisories/GHSA-abcd-efgh-2345";
    s.c.announcement_url = "https://groups.google.com/g/sigstore-dev/c/abc";
    s.advisory = {
        7, "sigstore/cosign", s.c.ghsa_id, s.c.advisory_url, "published", "go", "", {}, "", "", {}};
    s.timeline = {Link("https://github.com/sigstore/cosign/pull/4242")};
    out.push_back(s);
  }
  {  // v4.0, GHSA only, no credit, a PyPI package named on the advisory
    Sample s{"v40-ghsa-only",
             Released("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N"),
             {},
             {}};
    s.c.ghsa_id = "GHSA-wxyz-2345-6789";
    s.advisory = {7, "sigstore/cosign", s.c.ghsa_id, "", "published", "pip", "sigstore", {}, "", "",
                  {}};
    out.push_back(s);
  }
  {  // v3.0, CVE only, no known ecosystem: a GIT range fixed by a linked commit
    Sample s{
        "v30-cve-git-commit", Released("CVSS:3.0/AV:L/AC:H/PR:L/UI:R/S:C/C:L/I:L/A:N"), {}, {}};
    s.c.cve = "CVE-2026-0042";
    s.c.credit = "Ada";
    s.timeline = {
        Link("https://github.com/sigstore/cosign/commit/0123456789abcdef0123456789abcdef01234567"),
        Link("https://github.com/sigstore/cosign-ghsa-abcd-efgh-2345/pull/1")};
    out.push_back(s);
  }
  {  // v4.0, CVE only, no ecosystem, no links, no credit
    Sample s{"v40-cve-bare",
             Released("CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N"),
             {},
             {}};
    s.c.cve = "CVE-2026-99999";
    s.c.release_url.clear();
    out.push_back(s);
  }
  return out;
}

std::string Render(const std::string& format, const Sample& s) {
  static const app::AppRecordWriter writer("sigstore Security Response Committee");
  const std::vector<core::EmbargoDecision> none;
  auto text = writer.Render(format, {s.c, s.timeline, none, s.advisory, kReleased});
  INFO(s.name << " " << format << ": " << text.status().message());
  REQUIRE(text.ok());
  return text.value();
}

struct Validation {
  int exit_code = -1;
  std::string output;
};

// validate_records.py over `docs` (name → JSON text), as CI runs it.
Validation Validate(const std::string& kind,
                    const std::vector<std::pair<std::string, std::string>>& docs) {
  testing::TempDir dir;
  std::string files;
  for (const auto& [name, text] : docs) {
    std::ofstream(dir.File(name + ".json")) << text;
    files += " '" + dir.File(name + ".json") + "'";
  }
  const std::string log = dir.File("validate.log");
  const std::string cmd = std::string("/usr/bin/python3 '") + SRCBOT_SOURCE_DIR +
                          "/tests/data/schemas/validate_records.py' " + kind + files + " > '" +
                          log + "' 2>&1";
  int status = std::system(cmd.c_str());
  std::stringstream out;
  out << std::ifstream(log).rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out.str()};
}

}  // namespace

TEST_CASE("advisory records: every sample's OSV record passes the OSV schema",
          "[records][schema]") {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const Sample& s : Samples()) docs.emplace_back(s.name, Render("osv", s));
  Validation v = Validate("osv", docs);
  INFO(v.output);
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.output, Catch::Contains("4 valid, 0 invalid"));
}

TEST_CASE("advisory records: every sample's CSAF document passes CSAF 2.0 and its profile",
          "[records][schema]") {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const Sample& s : Samples()) docs.emplace_back(s.name, Render("csaf", s));
  Validation v = Validate("csaf", docs);
  INFO(v.output);
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.output, Catch::Contains("4 valid, 0 invalid"));
}

TEST_CASE("advisory records: dropping a required field fails validation", "[records][schema]") {
  const Sample s = Samples().front();
  const Json osv = Json::parse(Render("osv", s));
  const Json csaf = Json::parse(Render("csaf", s));
  for (const char* pointer : {"/id", "/modified"}) {
    Json broken = osv;
    broken.erase(std::string(pointer).substr(1));
    Validation v = Validate("osv", {{"broken", broken.dump()}});
    INFO(pointer << ": " << v.output);
    CHECK(v.exit_code == 1);
  }
  for (const char* pointer :
       {"/document/category", "/document/publisher/namespace", "/document/tracking/id",
        "/document/tracking/revision_history", "/document/tracking/initial_release_date",
        "/product_tree", "/vulnerabilities/0/product_status", "/vulnerabilities/0/notes",
        "/vulnerabilities/0/scores/0/cvss_v3/baseSeverity"}) {
    Json broken = csaf;
    Json::json_pointer p(pointer);
    broken[p.parent_pointer()].erase(p.back());
    Validation v = Validate("csaf", {{"broken", broken.dump()}});
    INFO(pointer << ": " << v.output);
    CHECK(v.exit_code == 1);
  }
  // Not a security advisory any more: the profile says no.
  Json other = csaf;
  other["document"]["category"] = "csaf_base";
  CHECK(Validate("csaf", {{"base", other.dump()}}).exit_code == 1);
}

TEST_CASE("advisory records: OSV ids, aliases, severity, affected and credits", "[records]") {
  std::vector<Sample> samples = Samples();
  Json a = Json::parse(Render("osv", samples[0]));
  CHECK(a["id"] == "GHSA-abcd-efgh-2345");
  CHECK(a["aliases"] == Json::array({"CVE-2026-12345"}));
  CHECK(a["severity"][0]["type"] == "CVSS_V3");
  CHECK(a["affected"][0]["package"] ==
        Json({{"ecosystem", "Go"}, {"name", "github.com/sigstore/cosign"}}));
  CHECK(a["affected"][0]["ranges"][0]["events"][1]["fixed"] == "2.4.1");
  CHECK(a["credits"] == Json::array({{{"name", "Jane Doe, ACME"}, {"type", "REPORTER"}}}));
  CHECK(a["published"] == "2026-12-03T16:05:00Z");
  CHECK(a["summary"] ==
        "cosign verify accepted a bundle whose signature did not cover the artifact.");
  std::string refs = a["references"].dump();
  CHECK_THAT(refs,
             Catch::Contains("\"FIX\",\"url\":\"https://github.com/sigstore/cosign/pull/4242\""));
  CHECK(a.dump().find("internal title") == std::string::npos);

  Json b = Json::parse(Render("osv", samples[1]));
  CHECK(b["id"] == "GHSA-wxyz-2345-6789");
  CHECK_FALSE(b.contains("aliases"));
  CHECK_FALSE(b.contains("credits"));
  CHECK(b["severity"][0]["type"] == "CVSS_V4");
  CHECK(b["affected"][0]["package"]["ecosystem"] == "PyPI");
  CHECK(b["affected"][0]["package"]["name"] == "sigstore");

  Json c = Json::parse(Render("osv", samples[2]));
  CHECK(c["id"] == "CVE-2026-0042");
  CHECK(c["affected"][0]["ranges"][0]["type"] == "GIT");
  CHECK(c["affected"][0]["ranges"][0]["events"][1]["fixed"] ==
        "0123456789abcdef0123456789abcdef01234567");
  // The temporary private fork's PR is not the public fix.
  CHECK(c["references"].dump().find("cosign-ghsa") == std::string::npos);
}

TEST_CASE("advisory records: CSAF scores v3 vectors and keeps v4 as a note", "[records]") {
  std::vector<Sample> samples = Samples();
  Json a = Json::parse(Render("csaf", samples[0]));
  CHECK(a["document"]["tracking"]["id"] == "GHSA-abcd-efgh-2345");
  CHECK(a["vulnerabilities"][0]["cve"] == "CVE-2026-12345");
  CHECK(a["vulnerabilities"][0]["scores"][0]["cvss_v3"]["baseScore"] == 9.1);
  CHECK(a["vulnerabilities"][0]["scores"][0]["cvss_v3"]["baseSeverity"] == "CRITICAL");
  CHECK(a["vulnerabilities"][0]["acknowledgments"][0]["names"] == Json::array({"Jane Doe, ACME"}));
  CHECK(a["vulnerabilities"][0]["remediations"][0]["category"] == "vendor_fix");
  Json d = Json::parse(Render("csaf", samples[3]));
  CHECK_FALSE(d["vulnerabilities"][0].contains("scores"));
  CHECK_FALSE(d["vulnerabilities"][0].contains("acknowledgments"));
  CHECK(d["vulnerabilities"][0]["notes"][1]["text"] == samples[3].c.cvss_vector);
}

TEST_CASE("advisory records: refused before release, and OSV without any id", "[records]") {
  Sample s = Samples().front();
  s.c.embargoed = true;
  s.c.released_at.reset();
  static const app::AppRecordWriter writer("p");
  const std::vector<core::EmbargoDecision> none;
  for (const char* format : {"osv", "csaf"}) {
    auto text = writer.Render(format, {s.c, s.timeline, none, s.advisory, kReleased});
    REQUIRE_FALSE(text.ok());
    CHECK_THAT(text.status().message(), Catch::Contains("SRC-7 is not released yet"));
  }
  Sample bare = Samples()[3];
  bare.c.cve.clear();
  auto osv = writer.Render("osv", {bare.c, bare.timeline, none, bare.advisory, kReleased});
  REQUIRE_FALSE(osv.ok());
  CHECK_THAT(osv.status().message(), Catch::Contains("neither a GHSA id nor a CVE"));
  CHECK(writer.Render("csaf", {bare.c, bare.timeline, none, bare.advisory, kReleased}).ok());
}

TEST_CASE("advisory records: the OSV file lands whole under its id", "[records]") {
  testing::TempDir dir;
  static const app::AppRecordWriter writer("p");
  REQUIRE(writer.WriteOsvFile(dir.path().string(), "GHSA-abcd-efgh-2345", "{\"v\": 1}\n").ok());
  REQUIRE(writer.WriteOsvFile(dir.path().string(), "GHSA-abcd-efgh-2345", "{\"v\": 2}\n").ok());
  std::stringstream text;
  text << std::ifstream(dir.File("GHSA-abcd-efgh-2345.json")).rdbuf();
  CHECK(text.str() == "{\"v\": 2}\n");
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 1);  // no temporary left behind
  CHECK_FALSE(writer.WriteOsvFile(dir.path().string(), "../escape", "{}").ok());
  CHECK_FALSE(writer.WriteOsvFile(dir.File("missing"), "GHSA-abcd-efgh-2345", "{}").ok());
}
