#pragma once
// The exports as text, for the `export` verb, the attachments at `release`
// and `srcbot export` (docs/advisory-records.md): OSV and CSAF from
// app/advisory_json, Markdown and JSON from app/case_export. The OSV file of
// --osv-dir is written here too (temporary file, then rename).

#include <string>

#include "commands/record_writer.h"

namespace srcbot::app {

class AppRecordWriter : public commands::RecordWriter {
 public:
  // `publisher` names the CSAF publisher ("<project> Security Response Committee").
  explicit AppRecordWriter(std::string publisher) : publisher_(std::move(publisher)) {}

  core::Result<std::string> Render(std::string_view format,
                                   const commands::ExportInputs& in) const override;
  core::Status WriteOsvFile(const std::string& dir, const std::string& id,
                            const std::string& json) const override;

 private:
  std::string publisher_;
};

}  // namespace srcbot::app
