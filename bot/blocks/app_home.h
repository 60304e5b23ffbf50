#pragma once
// The App Home dashboard (SLACK.md: views.publish on app_home_opened;
// docs/reminders.md). An SRC member sees every open case with its stage,
// lead, next deadline and the time left as a text progress bar, overdue ones
// first, and who is on call now and next. A fix-team member who is not on
// the SRC sees only the cases whose fix team they are on; anyone else sees
// help. The view goes out through EmbargoGuard::PublishHome with every case
// it shows in `about`, judged like a DM to that person.
//
// Ownership: the store, guard and options are borrowed and must outlive this.
// Thread safety: as the store and the guard (the real ones are safe).

#include <vector>

#include <nlohmann/json.hpp>

#include "bot/egress/embargo_guard.h"
#include "commands/verb.h"
#include "core/case.h"
#include "core/deadlines.h"

namespace srcbot::bot {

// What a Home view shows, gathered by AppHome::Publish.
struct HomeContent {
  core::UserId viewer;  // whose Home it is
  bool src_member = false;
  std::vector<core::Case> cases;  // the cases shown (already filtered)
  core::UserId on_call;           // empty: nobody
  core::UserId next_on_call;
  core::TimePoint next_from{};
  core::TimePoint now{};
};

// The view: {"type":"home","blocks":[…]}; pure. For an SRC member, the cases
// they lead or are on the fix team of come first under "Your cases", then
// every open case.
nlohmann::json HomeView(const HomeContent& content, const core::DeadlinePolicy& policy);

// "▓▓▓▓░░░░░░": the part of [start, due) that has passed at `now`, in ten cells.
std::string ProgressBar(core::TimePoint start, core::TimePoint due, core::TimePoint now);

class AppHome {
 public:
  AppHome(core::CaseStore& store, EmbargoGuard& guard, const commands::ServiceOptions& options);

  // Publishes `user`'s Home at `now`. kFailed when the store cannot be read
  // or Slack refuses; the guard's verdict otherwise.
  GuardOutcome Publish(const core::UserId& user, core::TimePoint now);

 private:
  core::CaseStore& store_;
  EmbargoGuard& guard_;
  const commands::ServiceOptions& options_;
};

}  // namespace srcbot::bot
