#include "core/case_state_machine.h"

#include <algorithm>
#include <initializer_list>
#include <type_traits>

#include "core/cvss.h"
#include "core/markup.h"
#include "core/permissions.h"

namespace srcbot::core {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
// C++20 deduces this for aggregates, but clang before 17 does not (the fuzz build).
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

bool In(Stage s, std::initializer_list<Stage> stages) {
  return std::find(stages.begin(), stages.end(), s) != stages.end();
}

constexpr std::initializer_list<Stage> kOpenStages = {
    Stage::kReported,         Stage::kTriage,   Stage::kFixTeam,       Stage::kFixDevelopment,
    Stage::kReleaseScheduled, Stage::kReleased, Stage::kRetrospective};
constexpr std::initializer_list<Stage> kBeforeRelease = {
    Stage::kReported, Stage::kTriage, Stage::kFixTeam, Stage::kFixDevelopment,
    Stage::kReleaseScheduled};
// The fix team exists from the moment replication is confirmed until release.
constexpr std::initializer_list<Stage> kTeamStages = {Stage::kFixTeam, Stage::kFixDevelopment,
                                                      Stage::kReleaseScheduled};

std::string_view VerbOf(const Command& command) {
  return std::visit(
      Overloaded{
          [](const ReportCommand&) { return "report"; },
          [](const AckCommand&) { return "ack"; },
          [](const LeadCommand&) { return "lead"; },
          [](const TriageCommand&) { return "triage"; },
          [](const TeamAddCommand&) { return "team add"; },
          [](const TeamRemoveCommand&) { return "team remove"; },
          [](const ApproveCommand&) { return "approve"; },
          [](const ReporterCommand&) { return "reporter"; },
          [](const FixedCommand&) { return "fixed"; },
          [](const SlowCommand&) { return "slow"; },
          [](const PublicCommand&) { return "public"; },
          [](const GoingPublicCommand&) { return "going-public"; },
          [](const CloseCommand&) { return "close"; },
          [](const CvssCommand&) { return "cvss"; },
      },
      command);
}

// Builds the Change for one command: the new state, one timeline event and one
// post to the SRC channel saying what happened.
class Step {
 public:
  Step(const Case& current, const Actor& actor, TimePoint now)
      : change_{current, {}, {}}, actor_(actor), now_(now) {}

  Case& c() { return change_.after; }

  Change Record(std::string kind, std::string text) {
    change_.events.push_back({c().id, now_, actor_.user, actor_.channel, std::move(kind), text});
    change_.messages.push_back({Audience::kSrcChannel, "", std::move(text), {c().id}, "", {}});
    return std::move(change_);
  }

  const Actor& actor() const { return actor_; }
  TimePoint now() const { return now_; }
  std::string Ref() const { return CaseRef(change_.after.id); }
  std::string By() const { return " by " + Mention(actor_.user); }

 private:
  Change change_;
  const Actor& actor_;
  TimePoint now_;
};

// Entering fix-development: the first approved engineer joins the fix team.
void MaybeFormTeam(Step& s) {
  Case& c = s.c();
  bool has_engineer = std::any_of(c.team.begin(), c.team.end(),
                                  [](const TeamMember& m) { return m.approved && !m.reporter; });
  if (c.stage == Stage::kFixTeam && has_engineer) {
    c.stage = Stage::kFixDevelopment;
    if (!c.team_formed_at) c.team_formed_at = s.now();
  }
}

Result<Change> Ack(Step s) {
  s.c().stage = Stage::kTriage;
  s.c().acknowledged_at = s.now();
  std::string text = s.Ref() + " acknowledged" + s.By() + ". Next: triage — can it be replicated?";
  // Whoever acknowledges leads the case until someone else is named, so that
  // reminders always have a person to ping.
  if (s.c().lead.empty()) {
    s.c().lead = s.actor().user;
    text += " " + Mention(s.actor().user) + " leads it.";
  }
  return s.Record("acknowledged", text);
}

Result<Change> Lead(Step s, const LeadCommand& cmd) {
  s.c().lead = cmd.user;
  return s.Record("lead", s.Ref() + " is now led by " + Mention(cmd.user) + " (set" + s.By() + ")");
}

Result<Change> Triage(Step s, const TriageCommand& cmd) {
  Case& c = s.c();
  c.replicated = cmd.replicated;
  if (!cmd.repo.empty()) c.repo = cmd.repo;
  if (!cmd.affected.empty()) c.affected = cmd.affected;
  if (!cmd.upstream.empty()) c.upstream = cmd.upstream;
  std::string text = s.Ref() + " triaged" + s.By() + ": ";
  if (cmd.replicated) {
    c.stage = Stage::kFixTeam;
    text += "replicated";
  } else {
    text += "not replicated yet";
  }
  if (!c.repo.empty()) text += "; repo " + Escape(c.repo);
  if (!c.affected.empty()) text += "; affected " + Escape(c.affected);
  if (!c.upstream.empty()) text += "; upstream " + Escape(c.upstream);
  text += cmd.replicated ? ". Next: pull the fix team together (/src team " + s.Ref() + " add @user)."
                         : ". Triage again once it is, or close it (/src close " + s.Ref() +
                               " --reason not-a-vuln).";
  return s.Record("triaged", text);
}

Result<Change> TeamAdd(Step s, const TeamAddCommand& cmd) {
  Case& c = s.c();
  if (c.FindTeamMember(cmd.user)) {
    return Status::Conflict(Mention(cmd.user) + " is already on " + s.Ref() + "'s fix team");
  }
  c.team.push_back({cmd.user, cmd.outside, !cmd.outside, false, cmd.github});
  std::string text = Mention(cmd.user) + " joins " + s.Ref() + "'s fix team" + s.By();
  if (!cmd.github.empty()) text += " (GitHub: " + Escape(cmd.github) + ")";
  if (cmd.outside) {
    text += ". Outside the codeowners: pending until an SRC member approves (/src approve " +
            s.Ref() + " " + Mention(cmd.user) + ").";
  } else {
    MaybeFormTeam(s);
    text += ".";
  }
  return s.Record(cmd.outside ? "team-pending" : "team-added", text);
}

Result<Change> TeamRemove(Step s, const TeamRemoveCommand& cmd) {
  auto& team = s.c().team;
  auto it = std::find_if(team.begin(), team.end(), [&](const TeamMember& m) { return m.user == cmd.user; });
  if (it == team.end()) {
    return Status::NotFound(Mention(cmd.user) + " is not on " + s.Ref() + "'s fix team");
  }
  team.erase(it);
  return s.Record("team-removed", Mention(cmd.user) + " leaves " + s.Ref() + "'s fix team" + s.By());
}

Result<Change> Approve(Step s, const ApproveCommand& cmd) {
  auto& team = s.c().team;
  auto it = std::find_if(team.begin(), team.end(), [&](const TeamMember& m) { return m.user == cmd.user; });
  if (it == team.end()) {
    return Status::NotFound(Mention(cmd.user) + " is not on " + s.Ref() + "'s fix team");
  }
  if (it->approved) {
    return Status::Conflict(Mention(cmd.user) + " needs no approval on " + s.Ref());
  }
  it->approved = true;
  MaybeFormTeam(s);
  return s.Record("team-approved",
                  Mention(cmd.user) + " approved for " + s.Ref() + "'s fix team" + s.By());
}

Result<Change> Reporter(Step s, const ReporterCommand& cmd) {
  Case& c = s.c();
  // Policy: only reporters who contacted the SRC through a private channel may
  // join the fix team.
  if (!cmd.private_contact) {
    return Status::Invalid("reporter needs --private-contact: only reporters who came through a "
                           "private channel may join the fix team");
  }
  if (c.via == Via::kPublic) {
    return Status::Invalid(s.Ref() + " was reported publicly; its reporter cannot join the fix team");
  }
  if (c.FindTeamMember(cmd.user)) {
    return Status::Conflict(Mention(cmd.user) + " is already on " + s.Ref() + "'s fix team");
  }
  c.team.push_back({cmd.user, false, true, true, ""});
  c.credit = cmd.credit;
  std::string text = "Reporter " + Mention(cmd.user) + " joins " + s.Ref() + "'s fix team" + s.By();
  text += cmd.credit.empty() ? " (no credit consent)." : " (agreed to be credited as " + Escape(cmd.credit) + ").";
  return s.Record("reporter-added", text);
}

Result<Change> Fixed(Step s) {
  if (s.c().fixed_at) return Status::Conflict(s.Ref() + " is already marked fixed");
  s.c().fixed_at = s.now();
  return s.Record("fixed", s.Ref() + ": the fix is ready" + s.By() +
                               ". Next: agree the release day (/src release-day " + s.Ref() + ").");
}

Result<Change> Slow(Step s, const SlowCommand& cmd) {
  Case& c = s.c();
  if (c.slow) return Status::Conflict(s.Ref() + " is already slow");
  if (c.is_public) return Status::Invalid(s.Ref() + " is public: its deadlines cannot be slowed");
  // Policy: only a low score (below 4.0) allows slowing down; an unknown score
  // counts as "not low".
  if (!c.cvss_score) {
    return Status::Invalid(s.Ref() + " has no CVSS score yet; slow needs a base score below 4.0");
  }
  if (*c.cvss_score >= 4.0) {
    return Status::Invalid(s.Ref() + " scores at or above 4.0; slow needs a base score below 4.0");
  }
  if (cmd.reason.empty()) return Status::Invalid("slow needs --reason");
  c.slow = true;
  return s.Record("slow", s.Ref() + " slowed down" + s.By() + ": fix and release deadlines extended. " +
                              "Reason: " + Escape(cmd.reason));
}

void MakePublic(Case& c, TimePoint now) {
  c.is_public = true;
  c.public_at = now;
  c.slow = false;  // a publicly known vulnerability is never slowed down
}

Result<Change> Public(Step s) {
  if (s.c().is_public) return Status::Conflict(s.Ref() + " is already public");
  MakePublic(s.c(), s.now());
  return s.Record("public", s.Ref() + " is publicly known (set" + s.By() +
                                "): every open deadline is now as soon as possible.");
}

Result<Change> RecordGoingPublic(Step s, const GoingPublicCommand& cmd) {
  Case& c = s.c();
  if (cmd.accepted) {
    c.going_public = GoingPublic::kAccepted;
    return s.Record("going-public", "The reporter of " + s.Ref() +
                                        " intended to go public and accepted private handling (recorded" +
                                        s.By() + ").");
  }
  c.going_public = GoingPublic::kRefused;
  if (!c.is_public) MakePublic(c, s.now());
  return s.Record("going-public", "The reporter of " + s.Ref() +
                                      " refused private handling (recorded" + s.By() +
                                      "): the case is public, every open deadline is now as soon as possible.");
}

Result<Change> Close(Step s, const CloseCommand& cmd) {
  Case& c = s.c();
  if (cmd.resolution == Resolution::kNone) return Status::Invalid("close needs --reason");
  c.stage = Stage::kClosed;
  c.resolution = cmd.resolution;
  c.closed_at = s.now();
  return s.Record("closed", s.Ref() + " closed as " + std::string(ResolutionName(cmd.resolution)) + s.By() + ".");
}

Result<Change> Cvss(Step s, const CvssCommand& cmd) {
  auto scored = ScoreCvss(cmd.vector);
  if (!scored.ok()) return Status::Invalid("invalid CVSS vector: " + Escape(scored.status().message()));
  Case& c = s.c();
  c.cvss_vector = cmd.vector;
  c.cvss_score = scored.value().Overall();
  std::string text = s.Ref() + " scored " + DescribeCvss(scored.value()) + s.By() + ": " +
                     Escape(cmd.vector) + ".";
  // Policy (SPEC §1): only a score below 4.0 allows slowing down, so a new
  // score at or above it ends the slow-down.
  if (c.slow && *c.cvss_score >= 4.0) {
    c.slow = false;
    text += " No longer slow: fix and release deadlines are back to normal.";
  } else if (!c.slow && !c.is_public && *c.cvss_score < 4.0 && c.stage < Stage::kReleased) {
    text += " Below 4.0: the fix team may slow down (/src slow " + s.Ref() + " --reason \"…\").";
  }
  return s.Record("cvss", text);
}

}  // namespace

bool AcceptedInStage(const Command& command, Stage stage) {
  return std::visit(
      Overloaded{
          [](const ReportCommand&) { return false; },
          [&](const AckCommand&) { return stage == Stage::kReported; },
          [&](const LeadCommand&) { return In(stage, kOpenStages); },
          [&](const TriageCommand&) { return stage == Stage::kTriage; },
          [&](const TeamAddCommand&) { return In(stage, kTeamStages); },
          [&](const TeamRemoveCommand&) { return In(stage, kTeamStages); },
          [&](const ApproveCommand&) { return In(stage, kTeamStages); },
          [&](const ReporterCommand&) { return In(stage, kTeamStages); },
          [&](const FixedCommand&) { return stage == Stage::kFixDevelopment; },
          [&](const SlowCommand&) { return In(stage, kBeforeRelease); },
          [&](const PublicCommand&) { return In(stage, kBeforeRelease); },
          [&](const GoingPublicCommand&) { return In(stage, kBeforeRelease); },
          [&](const CloseCommand&) { return In(stage, kOpenStages); },
          [&](const CvssCommand&) { return In(stage, kOpenStages); },
      },
      command);
}

Result<Change> OpenCase(CaseId id, const ReportCommand& report, const Actor& actor, TimePoint now) {
  if (!actor.src_member) return Status::Denied("only SRC members can do that");
  if (report.title.empty()) return Status::Invalid("report needs a title");
  if (report.received && *report.received > now) {
    return Status::Invalid("--received lies in the future (" + FormatIso(*report.received) + ")");
  }
  Case c;
  c.id = id;
  c.title = report.title;
  c.repo = report.repo;
  c.reporter = report.reporter;
  c.via = report.via;
  c.received_at = report.received.value_or(now);
  c.reported_at = now;
  if (report.via == Via::kPublic) MakePublic(c, c.received_at);
  Step s(c, actor, now);
  std::string text = "New report " + CaseRef(id) + ": " + Escape(c.title);
  if (!c.repo.empty()) text += " (" + Escape(c.repo) + ")";
  text += ", received " + FormatHuman(c.received_at) + " via " + std::string(ViaName(c.via));
  text += ", recorded" + s.By() + ".";
  if (c.is_public) text += " Publicly known: every deadline is as soon as possible.";
  text += " Acknowledge it: /src ack " + CaseRef(id);
  Change change = s.Record("reported", text);
  change.messages.back().offers = "ack";
  return change;
}

Result<Change> ApplyCommand(const Case& current, const Command& command, const Actor& actor,
                            TimePoint now) {
  // The fix team drafts the advisory, CVSS score included (SPEC §1, fix-development).
  bool fix_team_may = std::holds_alternative<FixedCommand>(command) ||
                      std::holds_alternative<CvssCommand>(command);
  Access access = fix_team_may ? Access::kFixTeamOrSrc : Access::kSrcOnly;
  if (Status st = Authorize(access, actor, &current); !st.ok()) return st;
  if (std::holds_alternative<ReportCommand>(command)) {
    return Status::Invalid("a report opens a new case");
  }
  if (!AcceptedInStage(command, current.stage)) {
    return Status::Conflict("cannot " + std::string(VerbOf(command)) + " " + CaseRef(current.id) +
                            " while it is " + std::string(StageName(current.stage)));
  }
  Step s(current, actor, now);
  return std::visit(
      Overloaded{
          [&](const ReportCommand&) -> Result<Change> { return Status::Internal("unreachable"); },
          [&](const AckCommand&) { return Ack(std::move(s)); },
          [&](const LeadCommand& c) { return Lead(std::move(s), c); },
          [&](const TriageCommand& c) { return Triage(std::move(s), c); },
          [&](const TeamAddCommand& c) { return TeamAdd(std::move(s), c); },
          [&](const TeamRemoveCommand& c) { return TeamRemove(std::move(s), c); },
          [&](const ApproveCommand& c) { return Approve(std::move(s), c); },
          [&](const ReporterCommand& c) { return Reporter(std::move(s), c); },
          [&](const FixedCommand&) { return Fixed(std::move(s)); },
          [&](const SlowCommand& c) { return Slow(std::move(s), c); },
          [&](const PublicCommand&) { return Public(std::move(s)); },
          [&](const GoingPublicCommand& c) { return RecordGoingPublic(std::move(s), c); },
          [&](const CloseCommand& c) { return Close(std::move(s), c); },
          [&](const CvssCommand& c) { return Cvss(std::move(s), c); },
      },
      command);
}

}  // namespace srcbot::core
