#include "app/record_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/advisory_json.h"
#include "app/case_export.h"

namespace srcbot::app {

core::Result<std::string> AppRecordWriter::Render(std::string_view format,
                                                  const commands::ExportInputs& in) const {
  const core::RecordInputs record{in.c, in.advisory, in.timeline, publisher_};
  if (format == "osv") {
    auto r = core::BuildOsv(record);
    if (!r.ok()) return r.status();
    return OsvJson(r.value());
  }
  if (format == "csaf") {
    auto d = core::BuildCsaf(record);
    if (!d.ok()) return d.status();
    return CsafJson(d.value());
  }
  if (format == "json") return ExportJson(in.c, in.timeline, in.decisions);
  if (format == "markdown") return ExportMarkdown(in.c, in.timeline, in.decisions, in.now);
  return core::Status::Invalid("unknown export format \"" + std::string(format) + "\"");
}

core::Status AppRecordWriter::WriteOsvFile(const std::string& dir, const std::string& id,
                                           const std::string& json) const {
  // The id becomes a file name: GHSA and CVE ids only, nothing that walks.
  if (id.empty() ||
      id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
          std::string::npos) {
    return core::Status::Invalid("not an OSV id for a file name: \"" + id + "\"");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::Status::Unavailable("--osv-dir " + dir + " is not a directory");
  }
  const std::filesystem::path final_path = std::filesystem::path(dir) / (id + ".json");
  const std::filesystem::path temp_path =
      std::filesystem::path(dir) / ("." + id + ".json.tmp-" + std::to_string(::getpid()));
  {
    std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
    out << json;
    out.flush();
    if (!out) {
      std::filesystem::remove(temp_path, ec);
      return core::Status::Unavailable("cannot write " + temp_path.string() + ": " +
                                       std::strerror(errno));
    }
  }
  // rename(2) within one directory replaces the old file in one step: a
  // reader sees the old record or the new one, never half of one.
  std::filesystem::rename(temp_path, final_path, ec);
  if (ec) {
    std::filesystem::remove(temp_path, ec);
    return core::Status::Unavailable("cannot write " + final_path.string() + ": " + ec.message());
  }
  return core::Status::Ok();
}

}  // namespace srcbot::app
