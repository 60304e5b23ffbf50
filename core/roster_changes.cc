#include "core/roster_changes.h"

#include <algorithm>

#include "core/markup.h"

namespace srcbot::core {
namespace {

using std::chrono::days;

std::string By(const Actor& actor) { return Mention(actor.user); }

std::string LastDay(TimePoint until) { return FormatDay(until - days(1)); }

std::string Hours(const WorkingHours& h) {
  auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return Escape(h.zone) + " " + two(h.start_hour) + "–" + two(h.end_hour);
}

std::string Terms(const AddMemberRequest& r) {
  return "vendor " + Escape(r.vendor) + (r.github.empty() ? "" : ", GitHub " + Escape(r.github));
}

// Finishes a roster change: the post gets the warnings that now hold.
CommitteeChange Finish(const Committee& c, CommitteeChange change, TimePoint now,
                       const Actor& actor, std::string kind, std::string text) {
  text += WarningsNote(c, change, now);
  change.Record(now, actor.user, std::move(kind), text);
  return change;
}

// Ends the temporary membership of whoever covers `member`'s leave, if anyone.
void EndCoverOf(const Committee& c, const UserId& member, TimePoint now, CommitteeChange& change,
                const UserId& except = "") {
  for (const RosterEntry& e : c.roster) {
    if (e.status != MemberStatus::kTemporary || e.covers != member || e.user == except) continue;
    RosterEntry ended = e;
    ended.status = MemberStatus::kExpired;
    ended.left_at = now;
    if (!ended.until || *ended.until > now) ended.until = std::max(now, e.joined_at);
    change.roster.push_back(ended);
  }
}

}  // namespace

std::string WarningsNote(const Committee& before, const CommitteeChange& change, TimePoint now) {
  std::vector<std::string> after = RosterWarnings(ApplyRoster(before.roster, change), now);
  if (after.empty()) {
    return RosterWarnings(before.roster, now).empty() ? "" : "\nNo roster warnings now.";
  }
  std::string text = "\nRoster warnings:";
  for (const std::string& w : after) text += "\n• " + w;
  return text;
}

std::string DescribeMember(const RosterEntry& e, TimePoint now) {
  std::string text = Mention(e.user) + " — ";
  if (e.status == MemberStatus::kTemporary) {
    text += "temporary member covering " + Mention(e.covers) + "'s leave, " +
            FormatDay(e.joined_at) + " → " + (e.until ? LastDay(*e.until) : "?");
    if (now < e.joined_at) text += " (not started)";
    return text;
  }
  text += e.vendor.empty() ? "vendor unknown" : Escape(e.vendor);
  if (!e.github.empty()) text += ", GitHub " + Escape(e.github);
  if (e.hours) text += ", " + Hours(*e.hours);
  if (!IsFullMember(e)) {
    return text + ", member " + FormatDay(e.joined_at) + " → " +
           (e.left_at ? FormatDay(*e.left_at) : "?");
  }
  text += ", joined " + FormatDay(e.joined_at);
  if (e.leave && e.leave->until > now) {
    text += OnLeave(e, now)
                ? ", *on leave* until " + LastDay(e.leave->until)
                : ", leave planned " + FormatDay(e.leave->from) + " → " + LastDay(e.leave->until);
    if (!e.leave->cover.empty()) text += " (cover " + Mention(e.leave->cover) + ")";
  } else {
    text += ", active";
  }
  return text;
}

Result<CommitteeChange> AddMember(const Committee& c, const AddMemberRequest& request,
                                  const Actor& actor, TimePoint now) {
  if (request.vendor.empty())
    return Status::Invalid("a member needs a vendor: --vendor &lt;name&gt;");
  const RosterEntry* existing = FindMember(c.roster, request.user);
  CommitteeChange change;
  RosterEntry row = existing ? *existing : RosterEntry{};
  row.user = request.user;
  row.vendor = request.vendor;
  row.github = request.github;
  std::string text;
  if (existing != nullptr && IsFullMember(*existing)) {
    text = By(actor) + " updated " + Mention(row.user) + ": " + Terms(request) + ".";
    change.roster.push_back(row);
    return Finish(c, std::move(change), now, actor, "member-updated", text);
  }
  const bool was_temporary = existing != nullptr && existing->status == MemberStatus::kTemporary;
  row.status = MemberStatus::kActive;
  row.joined_at = now;
  row.until.reset();
  row.covers.clear();
  row.left_at.reset();
  row.leave.reset();
  row.last_active_at = now;
  row.inactivity_flagged_at.reset();
  change.roster.push_back(row);
  text = was_temporary
             ? By(actor) + " made temporary member " + Mention(row.user) + " a full SRC member (" +
                   Terms(request) + ")."
             : By(actor) + " added " + Mention(row.user) + " to the SRC (" + Terms(request) + ").";
  return Finish(c, std::move(change), now, actor, "member-added", text);
}

Result<CommitteeChange> EndMembership(const Committee& c, const UserId& user, Departure how,
                                      const Actor& actor, TimePoint now) {
  const RosterEntry* existing = FindMember(c.roster, user);
  const bool temporary = existing != nullptr && existing->status == MemberStatus::kTemporary;
  if (existing == nullptr || !(IsFullMember(*existing) || temporary)) {
    return Status::NotFound(Mention(user) + " is not an SRC member");
  }
  if (temporary && how == Departure::kEmeritus) {
    return Status::Invalid(Mention(user) +
                           " is a temporary member: end their period with `members remove`");
  }
  CommitteeChange change;
  RosterEntry row = *existing;
  row.status = temporary                     ? MemberStatus::kExpired
               : how == Departure::kEmeritus ? MemberStatus::kEmeritus
                                             : MemberStatus::kRemoved;
  row.left_at = now;
  if (temporary && (!row.until || *row.until > now)) row.until = std::max(now, row.joined_at);
  change.roster.push_back(row);
  if (!temporary) EndCoverOf(c, user, now, change);
  std::vector<RosterEntry> after = ApplyRoster(c.roster, change);
  if (std::none_of(after.begin(), after.end(),
                   [&](const RosterEntry& e) { return HasSrcRights(e, now); })) {
    return Status::Conflict(Mention(user) + " is the last SRC member: add someone first");
  }
  std::string text;
  if (temporary) {
    text = By(actor) + " ended " + Mention(user) + "'s temporary membership.";
  } else if (how == Departure::kEmeritus) {
    text = By(actor) + " moved " + Mention(user) + " to the emeritus list (member " +
           FormatDay(row.joined_at) + " → " + FormatDay(now) + "). Thank you, " + Mention(user) +
           "!";
  } else {
    text = By(actor) + " removed " + Mention(user) + " from the SRC.";
  }
  return Finish(c, std::move(change), now, actor,
                how == Departure::kEmeritus ? "member-emeritus" : "member-removed", text);
}

Result<CommitteeChange> RecordLeave(const Committee& c, const LeaveRequest& request,
                                    const Actor& actor, TimePoint now) {
  auto plan = PlanLeave(c.roster, request, now);
  if (!plan.ok()) return plan.status();
  const Leave& leave = plan.value().leave;
  CommitteeChange change;
  RosterEntry member = *FindMember(c.roster, request.user);
  member.leave = leave;
  change.roster.push_back(member);
  const bool temporary = plan.value().cover == CoverRole::kTemporary;
  // A replaced leave's temporary cover ends, unless the same person covers again.
  EndCoverOf(c, request.user, now, change, temporary ? request.cover : "");

  const long long length = std::chrono::floor<days>(leave.Length()).count();
  std::string text = By(actor) + " recorded " + Mention(request.user) + "'s leave " +
                     FormatDay(leave.from) + " → " + LastDay(leave.until) + " (" +
                     std::to_string(length) + " day" + (length == 1 ? "" : "s") + ")";
  if (temporary) {
    const RosterEntry* previous = FindMember(c.roster, request.cover);
    RosterEntry cover = previous ? *previous : RosterEntry{};
    cover.user = request.cover;
    cover.status = MemberStatus::kTemporary;
    cover.joined_at = leave.from;
    cover.until = leave.until;
    cover.covers = request.user;
    cover.left_at.reset();
    change.roster.push_back(cover);
    text += ", covered by " + Mention(request.cover) +
            " as a temporary member with the same rights for that period.";
  } else if (plan.value().cover == CoverRole::kMember) {
    text += ", covered by " + Mention(request.cover) + ".";
  } else {
    text += "; under two weeks, no cover needed.";
  }
  return Finish(c, std::move(change), now, actor, "leave", text);
}

Result<CommitteeChange> SetWorkingHours(const Committee& c, const UserId& user,
                                        const WorkingHours& hours, const Actor& actor,
                                        TimePoint now) {
  const RosterEntry* existing = FindMember(c.roster, user);
  if (existing == nullptr ||
      !(IsFullMember(*existing) || existing->status == MemberStatus::kTemporary)) {
    return Status::NotFound(Mention(user) + " is not an SRC member");
  }
  CommitteeChange change;
  RosterEntry row = *existing;
  row.hours = hours;
  change.roster.push_back(row);
  change.Record(now, actor.user, "working-hours",
                By(actor) + " set " + Mention(user) + "'s working hours: " + Hours(hours) + ".");
  return change;
}

}  // namespace srcbot::core
