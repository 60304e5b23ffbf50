#include "app/service_options.h"

#include "app/record_writer.h"
#include "app/system_zones.h"
#include "core/time.h"

namespace srcbot::app {

commands::ServiceOptions ServiceOptionsFrom(const config::Config& cfg, std::string src,
                                            std::string general, std::string development) {
  core::ReleaseDayPolicy days;
  days.hour_utc = cfg.release_hour_utc;
  // The configuration has validated every date already (config/option_table.cc).
  for (const std::string& text : cfg.holidays) {
    if (auto day = core::ParseIsoDate(text)) days.holidays.push_back(*day);
  }
  commands::ServiceOptions options{std::move(src), core::DeadlinePolicy{}, std::move(general),
                                   std::move(development), std::move(days)};
  // Quiet hours read the system's zone database; one reader (and its cache)
  // for the whole process.
  static const SystemZones kZones;
  options.zones = &kZones;
  options.oncall_days = cfg.oncall_days;
  // One writer for the process: a process runs one configuration.
  static const AppRecordWriter kRecords(cfg.project + " Security Response Committee");
  options.records = &kRecords;
  options.osv_dir = cfg.osv_dir;
  return options;
}

}  // namespace srcbot::app
