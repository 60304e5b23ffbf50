// oncall and snooze: the triage rotation and silencing a case's reminders
// (docs/reminders.md).
#include <cctype>

#include "commands/case_change.h"
#include "commands/reminder_tick.h"
#include "commands/verb_table.h"
#include "core/markup.h"

namespace srcbot::commands {
namespace {

core::Result<Reply> CommitOnCall(VerbContext& ctx,
                                 const core::ReminderStore::OnCallMutation& rule) {
  auto reminders = RemindersOf(ctx.store);
  if (!reminders.ok()) return reminders.status();
  auto change = reminders.value()->UpdateOnCall([&](const core::OnCall& current) {
    auto ch = rule(current);
    if (ch.ok()) AddressToSrc(ch.value().messages, ctx.options);
    return ch;
  });
  if (!change.ok()) return change.status();
  // The post in the SRC channel says it; elsewhere the invoker gets it too.
  if (ctx.actor.channel == ctx.options.src_channel) return Reply{};
  std::string text;
  for (const core::Message& m : change.value().messages) {
    text += (text.empty() ? "" : "\n") + m.text;
  }
  return Reply{text, {}, ""};
}

core::Status NoMorePositionals(const Args& args, std::size_t count) {
  if (args.positionals.size() <= count) return core::Status::Ok();
  return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[count])) +
                               "\"");
}

core::Result<int> Days(const Args& args, int fallback) {
  if (!args.Has("days")) return fallback;
  const std::string text = args.Value("days");
  int days = 0;
  for (char ch : text) {
    if (!std::isdigit(static_cast<unsigned char>(ch)) || days > 1000) {
      return core::Status::Invalid("--days must be a whole number of days, got \"" +
                                   core::Escape(text) + "\"");
    }
    days = days * 10 + (ch - '0');
  }
  if (text.empty()) return core::Status::Invalid("--days needs a number");
  return days;
}

core::Result<Reply> Show(VerbContext& ctx) {
  auto reminders = RemindersOf(ctx.store);
  if (!reminders.ok()) return reminders.status();
  auto roster = RosterOf(ctx.store);
  if (!roster.ok()) return roster.status();
  auto oncall = reminders.value()->LoadOnCall();
  if (!oncall.ok()) return oncall.status();
  return Reply{core::DescribeOnCall(oncall.value(), roster.value(), ctx.now), {}, ""};
}

}  // namespace

core::Result<Reply> RunOncall(VerbContext& ctx, const Args& args) {
  if (args.positionals.empty()) {
    if (args.Has("days")) return core::Status::Invalid("--days goes with oncall set");
    return Show(ctx);
  }
  const std::string sub = TokenText(args.positionals[0]);
  if (sub != "set" && args.Has("days")) return core::Status::Invalid("--days goes with oncall set");
  auto roster = RosterOf(ctx.store);
  if (!roster.ok()) return roster.status();
  const std::vector<core::RosterEntry>& people = roster.value();
  if (sub == "set") {
    std::vector<core::UserId> members;
    for (std::size_t i = 1; i < args.positionals.size(); ++i) {
      auto user = UserParam(args.positionals[i]);
      if (!user.ok()) return user.status();
      if (user.value().find_first_of(",=") != std::string::npos) {
        return core::Status::Invalid("expected a user, like @alice");
      }
      members.push_back(user.value());
    }
    auto days = Days(args, ctx.options.oncall_days);
    if (!days.ok()) return days.status();
    return CommitOnCall(ctx, [&](const core::OnCall& current) {
      return core::SetRotation(current, people, members, days.value(), ctx.actor.user, ctx.now);
    });
  }
  if (sub == "ack") {
    if (auto st = NoMorePositionals(args, 1); !st.ok()) return st;
    return CommitOnCall(ctx, [&](const core::OnCall& current) {
      return core::AckHandover(current, people, ctx.actor.user, ctx.now);
    });
  }
  if (sub == "swap") {
    if (args.positionals.size() < 2) return core::Status::Invalid("oncall swap needs @user");
    if (auto st = NoMorePositionals(args, 2); !st.ok()) return st;
    auto user = UserParam(args.positionals[1]);
    if (!user.ok()) return user.status();
    return CommitOnCall(ctx, [&](const core::OnCall& current) {
      return core::SwapShift(current, people, user.value(), ctx.actor.user, ctx.now);
    });
  }
  return core::Status::Invalid("oncall takes set, ack or swap, got \"" + core::Escape(sub) + "\"");
}

namespace {

// "30m", "4h", "1h30m", "1d"; "off" ends a snooze (nullopt).
core::Result<std::optional<core::Duration>> ParseSnooze(const std::string& text) {
  if (text == "off") return std::optional<core::Duration>();
  core::Duration total{0};
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t n = 0;
    std::size_t digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && digits < 6) {
      n = n * 10 + (text[i++] - '0');
      ++digits;
    }
    if (digits == 0 || i == text.size()) return core::Status::Invalid("bad duration");
    char unit = text[i++];
    if (unit == 'd') {
      total += std::chrono::days(n);
    } else if (unit == 'h') {
      total += std::chrono::hours(n);
    } else if (unit == 'm') {
      total += std::chrono::minutes(n);
    } else {
      return core::Status::Invalid("bad duration");
    }
  }
  if (text.empty() || total <= core::Duration(0)) return core::Status::Invalid("bad duration");
  return std::optional<core::Duration>(total);
}

}  // namespace

core::Result<Reply> RunSnooze(VerbContext& ctx, const Args& args) {
  if (args.positionals.size() < 2)
    return core::Status::Invalid("snooze needs a case and a duration");
  if (auto st = NoMorePositionals(args, 2); !st.ok()) return st;
  auto id = CaseArg(args, "snooze");
  if (!id.ok()) return id.status();
  const std::string text = TokenText(args.positionals[1]);
  auto duration = ParseSnooze(text);
  if (!duration.ok()) {
    return core::Status::Invalid("the duration must look like 30m, 4h, 1h30m or off, got \"" +
                                 core::Escape(text) + "\"");
  }
  if (duration.value() && *duration.value() > ctx.options.reminders.max_snooze) {
    return core::Status::Invalid("a snooze lasts at most " +
                                 core::FormatDuration(ctx.options.reminders.max_snooze));
  }
  auto reminders = RemindersOf(ctx.store);
  if (!reminders.ok()) return reminders.status();
  const std::string ref = core::CaseRef(id.value());
  auto change = reminders.value()->UpdateReminders(
      id.value(), [&](const core::CaseReminders& current) -> core::Result<core::ReminderChange> {
        if (!current.c.IsOpen())
          return core::Status::Conflict(ref + " is closed: nothing to snooze");
        core::ReminderChange ch{current.state, ctx.now, {}, {}};
        std::string said;
        if (duration.value()) {
          ch.state.snoozed_until = ctx.now + *duration.value();
          said = "Reminders for " + ref + " snoozed by " + core::Mention(ctx.actor.user) +
                 " until " + core::FormatHuman(*ch.state.snoozed_until) + " (" +
                 core::FormatDuration(*duration.value()) + ").";
        } else {
          ch.state.snoozed_until.reset();
          said = "Reminders for " + ref + " resumed by " + core::Mention(ctx.actor.user) + ".";
        }
        ch.events.push_back(
            {id.value(), ctx.now, ctx.actor.user, ctx.actor.channel, "snoozed", said});
        core::Message post;
        post.text = said;
        post.about = {id.value()};
        ch.messages.push_back(std::move(post));
        AddressToSrc(ch.messages, ctx.options);
        return ch;
      });
  if (!change.ok()) return change.status();
  if (ctx.actor.channel == ctx.options.src_channel) return Reply{};
  return Reply{
      change.value().messages.front().text,
      {id.value()},
      "Done: " + ref + " is updated. Its details are only shown in the SRC's private channel."};
}

}  // namespace srcbot::commands
