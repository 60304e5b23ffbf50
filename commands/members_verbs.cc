// members: the roster, its warnings, leave and cover, working hours, and the
// committee's timeline (docs/governance.md).
#include <algorithm>
#include <cctype>

#include "commands/case_change.h"
#include "commands/committee_change.h"
#include "commands/verb_table.h"
#include "core/markup.h"
#include "core/roster_changes.h"

namespace srcbot::commands {
namespace {

constexpr int kHistoryLength = 20;
constexpr size_t kMaxVendor = 100;

core::Status OnlyFlags(const Args& args, std::initializer_list<std::string_view> allowed,
                       std::string_view what) {
  for (const auto& [flag, value] : args.flags) {
    if (std::find(allowed.begin(), allowed.end(), flag) == allowed.end()) {
      return core::Status::Invalid(std::string(what) + " takes no --" + core::Escape(flag));
    }
  }
  return core::Status::Ok();
}

core::Status ExpectCount(const Args& args, size_t count, std::string_view what) {
  if (args.positionals.size() < count) {
    return core::Status::Invalid(std::string(what) + " needs more arguments");
  }
  if (args.positionals.size() > count) {
    return core::Status::Invalid("unexpected \"" +
                                 core::Escape(TokenText(args.positionals[count])) + "\"");
  }
  return core::Status::Ok();
}

// GitHub logins: letters, digits and single hyphens, at most 39 characters.
core::Result<std::string> GithubLogin(std::string login) {
  if (!login.empty() && login.front() == '@') login.erase(0, 1);
  bool ok = !login.empty() && login.size() <= 39 && login.front() != '-' && login.back() != '-';
  for (char c : login) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
  if (!ok)
    return core::Status::Invalid("--github must be a GitHub login, got \"" + core::Escape(login) +
                                 "\"");
  return login;
}

core::Result<std::chrono::year_month_day> DayFlag(const Args& args, const std::string& flag) {
  if (!args.Has(flag))
    return core::Status::Invalid("leave needs --" + flag + " &lt;YYYY-MM-DD&gt;");
  auto day = core::ParseIsoDate(args.Value(flag));
  if (!day) {
    return core::Status::Invalid("--" + flag + " must be a day like 2026-12-01, got \"" +
                                 core::Escape(args.Value(flag)) + "\"");
  }
  return *day;
}

core::Result<Reply> Commit(VerbContext& ctx,
                           const core::CommitteeStore::CommitteeMutation& mutate) {
  auto change = ChangeCommittee(ctx.store, ctx.options, mutate);
  if (!change.ok()) return change.status();
  return CommitteeReply(ctx, change.value());
}

core::Result<Reply> List(VerbContext& ctx, bool emeritus) {
  auto committee = CommitteeOf(ctx.store);
  if (!committee.ok()) return committee.status();
  auto c = committee.value()->LoadCommittee();
  if (!c.ok()) return c.status();
  const auto& roster = c.value().roster;
  std::string full, temporary, former;
  int count = 0;
  for (const core::RosterEntry& e : roster) {
    std::string line = "\n• " + core::DescribeMember(e, ctx.now);
    if (core::IsFullMember(e)) {
      full += line;
      ++count;
    } else if (e.status == core::MemberStatus::kTemporary && e.until && *e.until > ctx.now) {
      temporary += line;
    } else if (e.status == core::MemberStatus::kEmeritus) {
      former += line;
    }
  }
  if (emeritus) {
    return Reply{former.empty() ? "No emeritus members yet."
                                : "*SRC members emeritus* — thank you!" + former,
                 {},
                 ""};
  }
  std::string text = "*SRC members* (" + std::to_string(count) + ")" + full;
  if (!temporary.empty()) text += "\n*Temporary members*" + temporary;
  std::vector<std::string> warnings = core::RosterWarnings(roster, ctx.now);
  if (!warnings.empty()) text += "\n*Roster warnings*";
  for (const std::string& w : warnings) text += "\n• " + w;
  return Reply{text, {}, ""};
}

core::Result<Reply> History(VerbContext& ctx) {
  auto committee = CommitteeOf(ctx.store);
  if (!committee.ok()) return committee.status();
  auto events = committee.value()->CommitteeTimeline(kHistoryLength);
  if (!events.ok()) return events.status();
  if (events.value().empty()) return Reply{"The committee's timeline is empty.", {}, ""};
  std::string text = "*Committee timeline* (latest " + std::to_string(kHistoryLength) + ")";
  for (const core::CommitteeEvent& e : events.value()) {
    text += "\n• " + core::FormatHuman(e.at) + " — " + e.text.substr(0, e.text.find('\n'));
  }
  return Reply{text, {}, ""};
}

core::Result<Reply> Add(VerbContext& ctx, const Args& args) {
  if (auto st = ExpectCount(args, 2, "members add"); !st.ok()) return st;
  auto user = UserParam(args.positionals[1]);
  if (!user.ok()) return user.status();
  core::AddMemberRequest request{user.value(), args.Value("vendor"), ""};
  if (request.vendor.empty())
    return core::Status::Invalid("members add needs --vendor &lt;name&gt;");
  if (request.vendor.size() > kMaxVendor) return core::Status::Invalid("--vendor is too long");
  if (args.Has("github")) {
    auto login = GithubLogin(args.Value("github"));
    if (!login.ok()) return login.status();
    request.github = login.value();
  }
  return Commit(ctx, [&](const core::Committee& c) {
    return core::AddMember(c, request, ctx.actor, ctx.now);
  });
}

core::Result<Reply> End(VerbContext& ctx, const Args& args, core::Departure how) {
  const char* what = how == core::Departure::kEmeritus ? "members emeritus" : "members remove";
  if (auto st = ExpectCount(args, 2, what); !st.ok()) return st;
  auto user = UserParam(args.positionals[1]);
  if (!user.ok()) return user.status();
  return Commit(ctx, [&](const core::Committee& c) {
    return core::EndMembership(c, user.value(), how, ctx.actor, ctx.now);
  });
}

core::Result<Reply> Leave(VerbContext& ctx, const Args& args) {
  if (auto st = ExpectCount(args, 2, "members leave"); !st.ok()) return st;
  auto user = UserParam(args.positionals[1]);
  if (!user.ok()) return user.status();
  auto first = DayFlag(args, "from");
  if (!first.ok()) return first.status();
  auto last = DayFlag(args, "to");
  if (!last.ok()) return last.status();
  core::LeaveRequest request{user.value(), first.value(), last.value(), ""};
  if (const Token* cover = args.FlagToken("cover")) {
    auto who = UserParam(*cover);
    if (!who.ok()) return who.status();
    request.cover = who.value();
  }
  return Commit(ctx, [&](const core::Committee& c) {
    return core::RecordLeave(c, request, ctx.actor, ctx.now);
  });
}

core::Result<Reply> TimeZone(VerbContext& ctx, const Args& args) {
  if (auto st = ExpectCount(args, 4, "members tz"); !st.ok()) return st;
  auto user = UserParam(args.positionals[1]);
  if (!user.ok()) return user.status();
  const std::string zone = TokenText(args.positionals[2]);
  if (!core::PlausibleTimeZone(zone)) {
    return core::Status::Invalid("not an IANA time zone: \"" + core::Escape(zone) +
                                 "\" (like Europe/Berlin or America/New_York)");
  }
  const std::string range = TokenText(args.positionals[3]);
  auto hours = core::ParseWorkingHours(zone, range);
  if (!hours) {
    return core::Status::Invalid("working hours must look like 09-17, got \"" +
                                 core::Escape(range) + "\"");
  }
  return Commit(ctx, [&](const core::Committee& c) {
    return core::SetWorkingHours(c, user.value(), *hours, ctx.actor, ctx.now);
  });
}

}  // namespace

core::Result<Reply> RunMembers(VerbContext& ctx, const Args& args) {
  if (args.positionals.empty()) {
    if (auto st = OnlyFlags(args, {"emeritus"}, "members"); !st.ok()) return st;
    return List(ctx, args.Has("emeritus"));
  }
  const std::string action = TokenText(args.positionals[0]);
  if (action == "add") {
    if (auto st = OnlyFlags(args, {"vendor", "github"}, "members add"); !st.ok()) return st;
    return Add(ctx, args);
  }
  if (action == "leave") {
    if (auto st = OnlyFlags(args, {"from", "to", "cover"}, "members leave"); !st.ok()) return st;
    return Leave(ctx, args);
  }
  if (auto st = OnlyFlags(args, {}, "members " + action); !st.ok()) return st;
  if (action == "remove") return End(ctx, args, core::Departure::kRemoved);
  if (action == "emeritus") return End(ctx, args, core::Departure::kEmeritus);
  if (action == "tz") return TimeZone(ctx, args);
  if (action == "history") {
    if (auto st = ExpectCount(args, 1, "members history"); !st.ok()) return st;
    return History(ctx);
  }
  return core::Status::Invalid("members needs add, remove, emeritus, leave, tz or history, got \"" +
                               core::Escape(action) + "\"");
}

}  // namespace srcbot::commands
