#include "bot/blocks/app_home.h"

#include <algorithm>

#include "commands/reminder_tick.h"
#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::bot {
namespace {

using nlohmann::json;

// Home tabs hold at most 100 blocks; the rest are a `/src list` away.
constexpr std::size_t kMaxCasesShown = 40;
constexpr std::size_t kMaxOwnShown = 10;

json Section(const std::string& mrkdwn) {
  return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", mrkdwn}}}};
}

json Header(const std::string& text) {
  return {{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", text}}}};
}

std::optional<core::Deadline> NextDeadline(const core::Case& c, const core::DeadlinePolicy& p) {
  for (const core::Deadline& d : core::Deadlines(c, p)) {
    if (!d.met_at) return d;
  }
  return std::nullopt;
}

std::string CaseLine(const core::Case& c, const std::optional<core::Deadline>& next,
                     core::TimePoint now) {
  std::string text = core::StrCat({"*", core::CaseRef(c.id), "* ", core::Escape(c.title), "\n`",
                                    core::StageName(c.stage), "`"});
  if (c.is_public) text += " · *public*";
  text += " · lead ";
  text += c.lead.empty() ? std::string("nobody") : core::Mention(c.lead);
  if (!next) return text + "\nNo deadline open.";
  std::string name = std::string(core::DeadlineName(next->kind));
  if (now >= next->due) {
    text += "\n:rotating_light: *" + name + " overdue* by " +
            core::FormatDuration(now - next->due) + " (due " + core::FormatHuman(next->due) + ")";
  } else {
    text += "\n*" + name + "* due " + core::FormatHuman(next->due) + " · " +
            core::FormatDuration(next->due - now) + " left";
  }
  return text + "  `" + ProgressBar(next->starts, next->due, now) + "`";
}

}  // namespace

std::string ProgressBar(core::TimePoint start, core::TimePoint due, core::TimePoint now) {
  constexpr int kCells = 10;
  int filled = kCells;
  if (due > start && now < due) {
    auto passed = std::max<std::int64_t>(0, (now - start).count());
    filled = static_cast<int>(passed * kCells / (due - start).count());
  }
  std::string bar;
  for (int i = 0; i < kCells; ++i) bar += i < filled ? "▓" : "░";
  return bar;
}

json HomeView(const HomeContent& content, const core::DeadlinePolicy& policy) {
  json blocks = json::array();
  blocks.push_back(Header("Security Response Committee"));
  std::string oncall = "*On call:* " + (content.on_call.empty() ? std::string("nobody")
                                                                : core::Mention(content.on_call));
  if (!content.next_on_call.empty()) {
    oncall += " · next " + core::Mention(content.next_on_call) + " from " +
              core::FormatHuman(content.next_from);
  }
  blocks.push_back(Section(oncall));
  if (!content.src_member && content.cases.empty()) {
    blocks.push_back(Section(
        "srcbot runs the SRC's vulnerability process. Type `/src help` to see what you can do."));
    return {{"type", "home"}, {"blocks", blocks}};
  }

  struct Row {
    const core::Case* c;
    std::optional<core::Deadline> next;
  };
  std::vector<Row> rows;
  for (const core::Case& c : content.cases) rows.push_back({&c, NextDeadline(c, policy)});
  // Overdue first, then the soonest due; cases with nothing due last.
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    if (!a.next || !b.next) return a.next.has_value() && !b.next.has_value();
    return a.next->due < b.next->due;
  });
  auto list = [&](const std::string& title, const std::vector<Row>& shown, std::size_t limit) {
    std::size_t overdue = std::count_if(shown.begin(), shown.end(), [&](const Row& r) {
      return r.next && content.now >= r.next->due;
    });
    std::string summary = core::StrCat({"*", title, "* (", std::to_string(shown.size()), ")"});
    if (overdue > 0) summary += " · :rotating_light: " + std::to_string(overdue) + " overdue";
    blocks.push_back({{"type", "divider"}});
    blocks.push_back(Section(summary));
    for (std::size_t i = 0; i < shown.size() && i < limit; ++i) {
      blocks.push_back(Section(CaseLine(*shown[i].c, shown[i].next, content.now)));
    }
    if (shown.size() > limit) {
      blocks.push_back(
          Section("…and " + std::to_string(shown.size() - limit) + " more: `/src list`"));
    }
  };
  if (!content.src_member) {
    list("Your cases", rows, kMaxCasesShown);
    return {{"type", "home"}, {"blocks", blocks}};
  }
  std::vector<Row> mine;
  for (const Row& r : rows) {
    if (!content.viewer.empty() &&
        (r.c->lead == content.viewer || r.c->HasTeamMember(content.viewer))) {
      mine.push_back(r);
    }
  }
  if (!mine.empty()) list("Your cases", mine, kMaxOwnShown);
  list("Open cases", rows, kMaxCasesShown);
  return {{"type", "home"}, {"blocks", blocks}};
}

AppHome::AppHome(core::CaseStore& store, EmbargoGuard& guard,
                 const commands::ServiceOptions& options)
    : store_(store), guard_(guard), options_(options) {}

GuardOutcome AppHome::Publish(const core::UserId& user, core::TimePoint now) {
  auto members = store_.Members();
  if (!members.ok()) return GuardOutcome::kFailed;
  HomeContent content;
  content.viewer = user;
  content.now = now;
  content.src_member = std::any_of(members.value().begin(), members.value().end(),
                                   [&](const core::Member& m) { return m.user == user; });
  auto cases = store_.List(false);
  if (!cases.ok()) return GuardOutcome::kFailed;
  std::vector<core::CaseId> about;
  for (core::Case& c : cases.value()) {
    // Outside the SRC, only the cases whose fix team this person is on: the
    // guard would refuse a view that shows any other.
    if (!content.src_member && !c.HasTeamMember(user)) continue;
    about.push_back(c.id);
    content.cases.push_back(std::move(c));
  }
  if (core::ReminderStore* reminders = store_.Reminders()) {
    auto roster = commands::RosterOf(store_);
    auto oncall = reminders->LoadOnCall();
    if (roster.ok() && oncall.ok() && !oncall.value().rotation.members.empty()) {
      const core::OnCall& o = oncall.value();
      content.on_call = core::OnCallNow(o, roster.value(), now);
      std::int64_t next = core::ShiftAt(o.rotation, now) + 1;
      content.next_from = core::ShiftStart(o.rotation, next);
      content.next_on_call = core::Scheduled(o.rotation, roster.value(), next, content.next_from);
    }
  }
  return guard_.PublishHome(user, HomeView(content, options_.deadlines), about);
}

}  // namespace srcbot::bot
