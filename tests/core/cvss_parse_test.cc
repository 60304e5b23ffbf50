// Validation, severity bands and the recorded score of core/cvss.h.
#include <catch2/catch.hpp>
#include <string>

#include "core/cvss.h"

using namespace srcbot::core;

namespace {

const std::string kV31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const std::string kV40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

std::string Reason(const std::string& vector) {
  auto scored = ScoreCvss(vector);
  if (scored.ok()) return "(accepted)";
  CHECK(scored.status().code() == Code::kInvalidArgument);
  return scored.status().message();
}

}  // namespace

TEST_CASE("cvss: malformed vectors are refused with the reason", "[cvss]") {
  CHECK(Reason("") == "empty vector");
  CHECK(Reason("hello") ==
        "not a CVSS vector \"hello\": it must start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/");
  CHECK(Reason("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").rfind("not a CVSS vector", 0) == 0);
  CHECK(Reason("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").rfind("not a CVSS vector", 0) == 0);
  CHECK(Reason("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P") ==
        "unsupported CVSS version \"2.0\": expected 3.0, 3.1 or 4.0");
  CHECK(Reason("CVSS:3.1") == "no metrics after CVSS:3.1/");
  CHECK(Reason("CVSS:4.0/") == "no metrics after CVSS:4.0/");
  CHECK(Reason(kV31 + "/") == "empty metric: a stray \"/\"");
  CHECK(Reason("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == "empty metric: a stray \"/\"");
  CHECK(Reason("CVSS:3.1/AV:N/AC/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "malformed metric \"AC\": expected NAME:VALUE");
  CHECK(Reason("CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "malformed metric \"AV:\": expected NAME:VALUE");
  CHECK(Reason("CVSS:3.1/:N/AC:L") == "malformed metric \":N\": expected NAME:VALUE");
  CHECK(Reason(std::string(600, 'x')) == "not a CVSS vector: 600 characters long");
  CHECK(Reason("CVSS:3.1/AV:N AC:L") == "bad value \"N AC:L\" for AV: expected N, A, L or P");
}

TEST_CASE("cvss: unknown metrics, bad values, duplicates and missing metrics", "[cvss]") {
  CHECK(Reason(kV31 + "/XX:Y") == "unknown metric \"XX\" in a CVSS 3.1 vector");
  CHECK(Reason(kV31 + "/AT:N") == "unknown metric \"AT\" in a CVSS 3.1 vector");  // a v4.0 metric
  CHECK(Reason(kV40 + "/S:C") == "bad value \"C\" for S: expected X, N or P");
  CHECK(Reason(kV40 + "/RL:O") == "unknown metric \"RL\" in a CVSS 4.0 vector");  // a v3 metric
  CHECK(Reason("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "bad value \"Q\" for AV: expected N, A, L or P");
  CHECK(Reason("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "bad value \"n\" for AV: expected N, A, L or P");  // values are case-sensitive
  CHECK(Reason("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H") ==
        "bad value \"X\" for S: expected U or C");  // base metrics have no Not Defined
  CHECK(Reason(kV31 + "/E:Z") == "bad value \"Z\" for E: expected X, H, F, P or U");
  CHECK(Reason(kV40 + "/U:clear") ==
        "bad value \"clear\" for U: expected X, Clear, Green, Amber or Red");
  CHECK(Reason(kV40 + "/MSC:S") == "bad value \"S\" for MSC: expected X, H, L or N");
  CHECK(Reason("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == "duplicate metric AV");
  CHECK(Reason(kV31 + "/E:X/E:X") == "duplicate metric E");
  CHECK(Reason(kV40 + "/E:A/E:A") == "duplicate metric E");
  CHECK(Reason("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H") == "missing mandatory metric A");
  CHECK(Reason("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U") == "missing mandatory metrics C, I, A");
  CHECK(Reason("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/E:A") ==
        "missing mandatory metrics SC, SI, SA");
  // What is quoted from the input is cut short.
  CHECK(Reason(kV31 + "/" + std::string(40, 'Q') + ":N") ==
        "unknown metric \"" + std::string(24, 'Q') + "…\" in a CVSS 3.1 vector");
}

TEST_CASE("cvss: v4.0 requires the specification's order, v3.x accepts any", "[cvss]") {
  CHECK(Reason("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N") ==
        "metric AV out of order: CVSS 4.0 lists it before AC");
  CHECK(Reason(kV40 + "/CR:H/E:A") == "metric E out of order: CVSS 4.0 lists it before CR");
  CHECK(Reason(kV40 + "/S:N/MAV:N") == "metric MAV out of order: CVSS 4.0 lists it before S");
  CHECK(Reason(kV40 + "/E:A/CR:H/MAV:N/S:N/U:Red") == "(accepted)");

  auto canonical = ScoreCvss("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N/E:P/CR:H/MAV:L");
  auto shuffled = ScoreCvss("CVSS:3.1/MAV:L/A:N/E:P/S:C/C:L/CR:H/AV:N/I:L/UI:N/PR:L/AC:L");
  REQUIRE(canonical.ok());
  REQUIRE(shuffled.ok());
  CHECK(shuffled.value().base_score == canonical.value().base_score);
  CHECK(shuffled.value().temporal_score == canonical.value().temporal_score);
  CHECK(shuffled.value().environmental_score == canonical.value().environmental_score);
}

TEST_CASE("cvss: severity bands are the same in every version", "[cvss]") {
  CHECK(SeverityOf(0.0) == Severity::kNone);
  CHECK(SeverityOf(0.1) == Severity::kLow);
  CHECK(SeverityOf(3.9) == Severity::kLow);
  CHECK(SeverityOf(4.0) == Severity::kMedium);
  CHECK(SeverityOf(6.9) == Severity::kMedium);
  CHECK(SeverityOf(7.0) == Severity::kHigh);
  CHECK(SeverityOf(8.9) == Severity::kHigh);
  CHECK(SeverityOf(9.0) == Severity::kCritical);
  CHECK(SeverityOf(10.0) == Severity::kCritical);
  CHECK(SeverityName(Severity::kMedium) == "Medium");
  CHECK(FormatCvssScore(10.0) == "10.0");
  CHECK(FormatCvssScore(0) == "0.0");
}

TEST_CASE("cvss: v3.x scores every group; the recorded score is the most specific", "[cvss]") {
  auto base = ScoreCvss(kV31).value();
  CHECK(base.base_score == 9.8);
  CHECK(base.temporal_score == 9.8);  // no temporal metric: each weighs 1
  CHECK(base.environmental_score == 9.8);
  CHECK(base.Overall() == 9.8);
  CHECK(base.OverallName() == "base");

  auto temporal = ScoreCvss(kV31 + "/E:U/RL:O/RC:X").value();
  CHECK(temporal.has_temporal);
  CHECK_FALSE(temporal.has_environmental);
  CHECK(FormatCvssScore(temporal.temporal_score) == "8.5");
  CHECK(temporal.Overall() == temporal.temporal_score);
  CHECK(temporal.OverallName() == "temporal");

  auto env = ScoreCvss(kV31 + "/E:U/MAV:L/MPR:H").value();
  CHECK(env.has_environmental);
  CHECK(FormatCvssScore(env.environmental_score) == "6.1");
  CHECK(env.Overall() == env.environmental_score);
  CHECK(env.OverallName() == "environmental");

  auto all_x = ScoreCvss(kV31 + "/E:X/CR:X/MS:X").value();
  CHECK_FALSE(all_x.has_temporal);
  CHECK_FALSE(all_x.has_environmental);
  CHECK(all_x.OverallName() == "base");

  CHECK(ScoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N").value().base_score == 0.0);
}

TEST_CASE("cvss: v3.0 and v3.1 round up differently", "[cvss]") {
  // The exact environmental score is 4.6; v3.0's ceiling sees the floating-point
  // 4.6000000000000005 and, like FIRST's v3.0 calculator, gives 4.7. v3.1's
  // integer Roundup was introduced to fix exactly that.
  const std::string metrics = "/AV:L/AC:H/PR:L/UI:R/S:U/C:L/I:H/A:L/RC:U/MC:N";
  CHECK(FormatCvssScore(ScoreCvss("CVSS:3.0" + metrics).value().environmental_score) == "4.7");
  CHECK(FormatCvssScore(ScoreCvss("CVSS:3.1" + metrics).value().environmental_score) == "4.6");
}

TEST_CASE("cvss: v4.0 nomenclature, base score and supplemental metrics", "[cvss]") {
  auto b = ScoreCvss(kV40).value();
  CHECK(b.nomenclature == "CVSS-B");
  CHECK(b.score == 9.3);
  CHECK(b.base_score == 9.3);
  CHECK(b.Overall() == 9.3);

  auto bt = ScoreCvss(kV40 + "/E:U").value();
  CHECK(bt.nomenclature == "CVSS-BT");
  CHECK(bt.base_score == 9.3);  // threat metrics left out of the base score
  CHECK(bt.score < bt.base_score);
  CHECK(bt.OverallName() == "CVSS-BT");

  CHECK(ScoreCvss(kV40 + "/CR:L").value().nomenclature == "CVSS-BE");
  CHECK(ScoreCvss(kV40 + "/E:P/MAV:L").value().nomenclature == "CVSS-BTE");
  CHECK(ScoreCvss(kV40 + "/E:X/CR:X").value().nomenclature == "CVSS-B");

  auto supplemental = ScoreCvss(kV40 + "/S:P/AU:Y/R:I/V:C/RE:H/U:Amber").value();
  CHECK(supplemental.nomenclature == "CVSS-B");
  CHECK(supplemental.score == b.score);

  auto none = ScoreCvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N").value();
  CHECK(none.score == 0.0);
  CHECK(SeverityOf(none.score) == Severity::kNone);
}
