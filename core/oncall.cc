#include "core/oncall.h"

#include <algorithm>

#include "core/markup.h"

namespace srcbot::core {
namespace {

// Without a roster (a store with no committee) everyone named may serve.
bool Eligible(const std::vector<RosterEntry>& roster, const UserId& user, TimePoint at) {
  if (user.empty()) return false;
  const RosterEntry* e = FindMember(roster, user);
  if (e == nullptr) return roster.empty();
  return HasSrcRights(*e, at) && !OnLeave(*e, at);
}

std::string MemberList(const std::vector<UserId>& members) {
  std::string out;
  for (const UserId& u : members) out += (out.empty() ? "" : ", ") + Mention(u);
  return out;
}

Message Post(std::string text) {
  Message m;
  m.text = std::move(text);
  return m;
}

std::string NextLine(const OnCall& o, const std::vector<RosterEntry>& roster, TimePoint now) {
  std::int64_t next = ShiftAt(o.rotation, now) + 1;
  TimePoint from = ShiftStart(o.rotation, next);
  UserId who = Scheduled(o.rotation, roster, next, from);
  if (who.empty()) return "nobody can take the next shift (" + FormatHuman(from) + ")";
  return Mention(who) + " from " + FormatHuman(from);
}

}  // namespace

std::int64_t ShiftAt(const Rotation& r, TimePoint t) {
  if (r.shift <= Duration(0) || t < r.starts) return 0;
  return (t - r.starts) / r.shift;
}

TimePoint ShiftStart(const Rotation& r, std::int64_t shift) { return r.starts + shift * r.shift; }

UserId Scheduled(const Rotation& r, const std::vector<RosterEntry>& roster, std::int64_t shift,
                 TimePoint at) {
  if (r.members.empty()) return "";
  if (auto it = r.overrides.find(shift);
      it != r.overrides.end() && Eligible(roster, it->second, at)) {
    return it->second;
  }
  const auto n = static_cast<std::int64_t>(r.members.size());
  for (std::int64_t i = 0; i < n; ++i) {
    const UserId& u = r.members[static_cast<std::size_t>((shift + i) % n)];
    if (Eligible(roster, u, at)) return u;
  }
  return "";
}

UserId OnCallNow(const OnCall& o, const std::vector<RosterEntry>& roster, TimePoint now) {
  if (Eligible(roster, o.current, now)) return o.current;
  return Scheduled(o.rotation, roster, ShiftAt(o.rotation, now), now);
}

Result<OnCallChange> SetRotation(const OnCall& o, const std::vector<RosterEntry>& roster,
                                 const std::vector<UserId>& members, int days, const UserId& actor,
                                 TimePoint now) {
  if (members.empty()) return Status::Invalid("oncall set needs at least one @member");
  if (days < 1 || days > 90) return Status::Invalid("--days must be between 1 and 90");
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (std::find(members.begin(), members.begin() + static_cast<long>(i), members[i]) !=
        members.begin() + static_cast<long>(i)) {
      return Status::Invalid(Mention(members[i]) + " is named twice");
    }
    const RosterEntry* e = FindMember(roster, members[i]);
    if (!roster.empty() && (e == nullptr || !HasSrcRights(*e, now))) {
      return Status::Invalid(Mention(members[i]) + " is not an SRC member");
    }
  }
  OnCall after = o;
  after.rotation = Rotation{members, std::chrono::days(days), now, {}};
  UserId first = Scheduled(after.rotation, roster, 0, now);
  if (first.empty()) return Status::Invalid("everyone in that rotation is on leave");
  std::string text = "On-call rotation set by " + Mention(actor) + ": " + MemberList(members) +
                     ", " + std::to_string(days) + "-day shifts.";
  // The first `set` has nobody to hand over from; later ones keep the holder
  // on call until the new one acknowledges, like any hand-over.
  if (after.current.empty() || !Eligible(roster, after.current, now) || first == actor ||
      first == after.current) {
    after.current = first;
    after.since = now;
    after.handover_to.clear();
    after.handover_announced.reset();
    text += " On call now: " + Mention(first) + ".";
  } else {
    after.handover_to = first;
    after.handover_announced = now;
    text += " " + Mention(first) + ", run `/src oncall ack` to take over; until then " +
            Mention(after.current) + " stays on call.";
  }
  text += " Next: " + NextLine(after, roster, now) + ".";
  return OnCallChange{after, {Post(text)}};
}

Result<OnCallChange> AckHandover(const OnCall& o, const std::vector<RosterEntry>& roster,
                                 const UserId& actor, TimePoint now) {
  if (o.rotation.members.empty()) {
    return Status::Conflict("there is no on-call rotation yet: /src oncall set @a @b @c");
  }
  if (actor == o.current) return Status::Conflict("you are on call already");
  std::int64_t shift = ShiftAt(o.rotation, now);
  UserId scheduled = Scheduled(o.rotation, roster, shift, now);
  if (actor != scheduled) {
    return Status::Conflict("no hand-over is waiting for you; the next on-call is " +
                            NextLine(o, roster, now));
  }
  OnCall after = o;
  after.current = actor;
  after.since = now;
  after.handover_to.clear();
  after.handover_announced.reset();
  std::string text = Mention(actor) + " took over the on-call";
  if (!o.current.empty()) text += " from " + Mention(o.current);
  text += ", until " + FormatHuman(ShiftStart(o.rotation, shift + 1)) + ".";
  return OnCallChange{after, {Post(text)}};
}

Result<OnCallChange> SwapShift(const OnCall& o, const std::vector<RosterEntry>& roster,
                               const UserId& user, const UserId& actor, TimePoint now) {
  if (o.rotation.members.empty()) {
    return Status::Conflict("there is no on-call rotation yet: /src oncall set @a @b @c");
  }
  if (!Eligible(roster, user, now)) {
    return Status::Invalid(Mention(user) + " is not an SRC member available now (on leave?)");
  }
  const std::int64_t shift = ShiftAt(o.rotation, now);
  const UserId original = Scheduled(o.rotation, roster, shift, now);
  if (user == original) return Status::Conflict(Mention(user) + " has this shift already");
  OnCall after = o;
  Rotation& r = after.rotation;
  std::erase_if(r.overrides, [&](const auto& kv) { return kv.first < shift; });
  r.overrides[shift] = user;
  std::string text = Mention(actor) + " swapped the on-call: " + Mention(user) +
                     " takes the shift until " + FormatHuman(ShiftStart(r, shift + 1));
  if (!original.empty()) text += " instead of " + Mention(original);
  // A trade: the member replaced takes the swapper's next own shift.
  const auto n = static_cast<std::int64_t>(r.members.size());
  for (std::int64_t j = shift + 1; j <= shift + n && !original.empty(); ++j) {
    if (r.overrides.count(j) == 0 && Scheduled(r, roster, j, ShiftStart(r, j)) == user) {
      r.overrides[j] = original;
      text += "; " + Mention(original) + " takes " + Mention(user) + "'s shift from " +
              FormatHuman(ShiftStart(r, j));
      break;
    }
  }
  if (user == actor || user == o.current) {
    after.current = user;
    after.since = user == o.current ? o.since : now;
    after.handover_to.clear();
    after.handover_announced.reset();
    text += ".";
  } else {
    after.handover_to = user;
    after.handover_announced = now;
    text += ". " + Mention(user) + ", run `/src oncall ack` to take over.";
  }
  return OnCallChange{after, {Post(text)}};
}

OnCallChange DueHandover(const OnCall& o, const std::vector<RosterEntry>& roster, TimePoint now) {
  if (o.rotation.members.empty() || o.current.empty()) return {};
  std::int64_t shift = ShiftAt(o.rotation, now);
  UserId scheduled = Scheduled(o.rotation, roster, shift, now);
  if (scheduled.empty() || scheduled == o.current) {
    if (o.handover_to.empty()) return {};
    OnCall after = o;
    after.handover_to.clear();
    after.handover_announced.reset();
    return {after, {}};
  }
  if (o.handover_to == scheduled && o.handover_announced &&
      now - *o.handover_announced < kHandoverRepeat) {
    return {};
  }
  OnCall after = o;
  after.handover_to = scheduled;
  after.handover_announced = now;
  std::string text = "On-call hand-over: " + Mention(scheduled) + "'s shift runs until " +
                     FormatHuman(ShiftStart(o.rotation, shift + 1)) + ". " + Mention(scheduled) +
                     ", run `/src oncall ack` to take over; until then " + Mention(o.current) +
                     " stays on call.";
  return {after, {Post(text)}};
}

std::string DescribeOnCall(const OnCall& o, const std::vector<RosterEntry>& roster, TimePoint now) {
  if (o.rotation.members.empty()) {
    return "No on-call rotation yet: `/src oncall set @a @b @c [--days 7]`.";
  }
  UserId who = OnCallNow(o, roster, now);
  std::string text = "*On call now:* " + (who.empty() ? std::string("nobody") : Mention(who));
  if (who == o.current && !o.current.empty()) text += " (since " + FormatHuman(o.since) + ")";
  UserId scheduled = Scheduled(o.rotation, roster, ShiftAt(o.rotation, now), now);
  if (!scheduled.empty() && scheduled != o.current) {
    text += "\n*Hand-over waiting:* " + Mention(scheduled) + " has not run `/src oncall ack` yet.";
  }
  text += "\n*Next:* " + NextLine(o, roster, now);
  text += "\n*Rotation:* " + MemberList(o.rotation.members) + ", " +
          std::to_string(o.rotation.shift / std::chrono::days(1)) + "-day shifts from " +
          FormatHuman(o.rotation.starts);
  return text;
}

void LeadByOnCall(Change& report, const UserId& on_call, TimePoint now) {
  if (on_call.empty()) return;
  std::string ping = Mention(on_call) + " is on call";
  if (report.after.lead.empty()) {
    report.after.lead = on_call;
    ping += " and leads it (`/src lead " + CaseRef(report.after.id) + " @user` to change)";
    report.events.push_back({report.after.id, now, "", "", "lead",
                             CaseRef(report.after.id) + " is now led by " + Mention(on_call) +
                                 " (on call when it was reported)"});
  }
  ping += ".";
  if (!report.messages.empty()) report.messages.front().text += " " + ping;
}

}  // namespace srcbot::core
