#include "app/advisory_json.h"

#include <nlohmann/json.hpp>

#include "core/cvss.h"

namespace srcbot::app {
namespace {

using Json = nlohmann::json;

constexpr const char* kOsvSchemaVersion = "1.6.0";
constexpr const char* kAffectedId = "CSAFPID-0001";  // the versions before the fix
constexpr const char* kFixedId = "CSAFPID-0002";     // the fixed version

std::string Dump(const Json& doc) {
  // Replace, not throw: text stored before commands had to be UTF-8 must
  // not make an export abort.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json Branch(const std::string& category, const std::string& name, Json inner, bool product) {
  return {
      {"category", category}, {"name", name}, {product ? "product" : "branches", std::move(inner)}};
}

Json Affected(const core::OsvRecord& r) {
  Json events = Json::array({{{"introduced", "0"}}});
  if (!r.fixed.empty()) events.push_back({{"fixed", r.fixed}});
  if (!r.ecosystem.empty()) {
    return Json::array({{{"package", {{"ecosystem", r.ecosystem}, {"name", r.package}}},
                         {"ranges", Json::array({{{"type", "ECOSYSTEM"}, {"events", events}}})}}});
  }
  if (r.git_repo.empty()) return Json::array();
  Json range = {{"type", "GIT"}, {"repo", r.git_repo}, {"events", events}};
  // Without a linked fix commit, the range cannot say where the fix is: the
  // fixed release is kept for readers.
  return Json::array({{{"ranges", Json::array({range})},
                       {"database_specific", {{"fixed_version", r.fixed_version}}}}});
}

}  // namespace

std::string OsvJson(const core::OsvRecord& r) {
  Json doc = {{"schema_version", kOsvSchemaVersion},
              {"id", r.id},
              {"modified", core::FormatIso(r.modified)},
              {"published", core::FormatIso(r.published)}};
  if (!r.aliases.empty()) doc["aliases"] = r.aliases;
  doc["summary"] = r.summary;
  doc["details"] = r.details;
  if (!r.severity_type.empty()) {
    doc["severity"] = Json::array({{{"type", r.severity_type}, {"score", r.severity_vector}}});
  }
  if (Json affected = Affected(r); !affected.empty()) doc["affected"] = affected;
  Json refs = Json::array();
  for (const core::RecordReference& ref : r.references)
    refs.push_back({{"type", ref.type}, {"url", ref.url}});
  if (!refs.empty()) doc["references"] = refs;
  if (!r.credits.empty()) {
    Json credits = Json::array();
    for (const std::string& name : r.credits)
      credits.push_back({{"name", name}, {"type", "REPORTER"}});
    doc["credits"] = credits;
  }
  return Dump(doc);
}

std::string CsafJson(const core::CsafDocument& d) {
  Json revisions = Json::array();
  for (size_t i = 0; i < d.revisions.size(); ++i) {
    revisions.push_back({{"date", core::FormatIso(d.revisions[i].first)},
                         {"number", std::to_string(i + 1)},
                         {"summary", d.revisions[i].second}});
  }
  Json refs = Json::array();
  for (const core::RecordReference& ref : d.references) {
    refs.push_back({{"category", "external"}, {"summary", ref.summary}, {"url", ref.url}});
  }
  const std::string full = d.vendor + "/" + d.product;
  Json document = {
      {"category", "csaf_security_advisory"},
      {"csaf_version", "2.0"},
      {"lang", "en"},
      {"title", d.title},
      {"publisher",
       {{"category", "vendor"}, {"name", d.publisher_name}, {"namespace", d.publisher_namespace}}},
      {"distribution", {{"tlp", {{"label", "WHITE"}}}}},
      {"notes",
       Json::array({{{"category", "summary"}, {"title", "Summary"}, {"text", d.summary}}})},
      {"tracking",
       {{"id", d.tracking_id},
        {"status", "final"},
        {"version", d.version},
        {"revision_history", revisions},
        {"initial_release_date", core::FormatIso(d.initial_release)},
        {"current_release_date", core::FormatIso(d.current_release)},
        {"generator", {{"engine", {{"name", "srcbot"}}}}}}}};
  if (!refs.empty()) document["references"] = refs;

  Json versions = Json::array(
      {Branch("product_version_range", "vers:generic/<" + d.fixed_version,
              {{"product_id", kAffectedId}, {"name", full + " < " + d.fixed_version}}, true),
       Branch("product_version", d.fixed_version,
              {{"product_id", kFixedId}, {"name", full + " " + d.fixed_version}}, true)});
  Json tree = {{"branches",
                Json::array({Branch(
                    "vendor", d.vendor,
                    Json::array({Branch("product_name", d.product, versions, false)}), false)})}};

  Json notes = Json::array(
      {{{"category", "description"}, {"title", "Vulnerability description"}, {"text", d.details}}});
  if (!d.cvss_v4_vector.empty()) {
    // CSAF 2.0 scores only CVSS v2 and v3: the v4.0 vector is kept as a note.
    notes.push_back(
        {{"category", "other"}, {"title", "CVSS v4.0 vector"}, {"text", d.cvss_v4_vector}});
  }
  Json vuln = {
      {"notes", notes},
      {"product_status",
       {{"known_affected", {kAffectedId}}, {"fixed", {kFixedId}}, {"recommended", {kFixedId}}}}};
  if (!d.cve.empty()) vuln["cve"] = d.cve;
  if (!d.ghsa_id.empty()) {
    vuln["ids"] = Json::array({{{"system_name", "GitHub Security Advisory"}, {"text", d.ghsa_id}}});
  }
  if (d.cvss_v3) {
    vuln["scores"] =
        Json::array({{{"products", {kAffectedId}},
                      {"cvss_v3",
                       {{"version", d.cvss_v3->version},
                        {"vectorString", d.cvss_v3->vector},
                        {"baseScore", std::stod(core::FormatCvssScore(d.cvss_v3->base_score))},
                        {"baseSeverity", d.cvss_v3->base_severity}}}}});
  }
  Json remediation = {{"category", "vendor_fix"},
                      {"details", "Upgrade " + full + " to " + d.fixed_version + " or later."},
                      {"product_ids", {kAffectedId}}};
  if (!d.remediation_url.empty()) remediation["url"] = d.remediation_url;
  vuln["remediations"] = Json::array({remediation});
  if (!refs.empty()) vuln["references"] = refs;
  if (!d.acknowledgments.empty())
    vuln["acknowledgments"] = Json::array({{{"names", d.acknowledgments}}});
  return Dump(
      {{"document", document}, {"product_tree", tree}, {"vulnerabilities", Json::array({vuln})}});
}

}  // namespace srcbot::app
