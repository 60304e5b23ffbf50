#pragma once
// The advisory records as JSON (docs/advisory-records.md): an OSV record
// (schema 1.6, ossf/osv-schema) and a CSAF 2.0 document of the
// csaf_security_advisory profile, from the pure values of
// core/advisory_records.h. tests/app/advisory_json_test.cc validates both
// against the official schemas kept in tests/data/schemas/.

#include <string>

#include "core/advisory_records.h"

namespace srcbot::app {

std::string OsvJson(const core::OsvRecord& r);
std::string CsafJson(const core::CsafDocument& d);

}  // namespace srcbot::app
