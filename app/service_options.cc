#include "app/service_options.h"

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
  return {std::move(src), core::DeadlinePolicy{}, std::move(general), std::move(development),
          std::move(days)};
}

}  // namespace srcbot::app
