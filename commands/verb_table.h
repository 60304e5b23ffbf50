#pragma once
// The table of `/src` verbs. `help` lists exactly what is in it.

#include <span>
#include <string_view>

#include "commands/verb.h"

namespace srcbot::commands {

std::span<const Verb> Verbs();
const Verb* FindVerb(std::string_view name);

// Handlers, grouped by file: read_verbs.cc, lifecycle_verbs.cc, team_verbs.cc.
core::Result<Reply> RunHelp(VerbContext& ctx, const Args& args);
core::Result<Reply> RunList(VerbContext& ctx, const Args& args);
core::Result<Reply> RunShow(VerbContext& ctx, const Args& args);
core::Result<Reply> RunTimeline(VerbContext& ctx, const Args& args);
core::Result<Reply> RunReport(VerbContext& ctx, const Args& args);
core::Result<Reply> RunAck(VerbContext& ctx, const Args& args);
core::Result<Reply> RunLead(VerbContext& ctx, const Args& args);
core::Result<Reply> RunTriage(VerbContext& ctx, const Args& args);
core::Result<Reply> RunFixed(VerbContext& ctx, const Args& args);
core::Result<Reply> RunSlow(VerbContext& ctx, const Args& args);
core::Result<Reply> RunPublic(VerbContext& ctx, const Args& args);
core::Result<Reply> RunGoingPublic(VerbContext& ctx, const Args& args);
core::Result<Reply> RunClose(VerbContext& ctx, const Args& args);
core::Result<Reply> RunTeam(VerbContext& ctx, const Args& args);
core::Result<Reply> RunApprove(VerbContext& ctx, const Args& args);
core::Result<Reply> RunReporter(VerbContext& ctx, const Args& args);
core::Result<Reply> RunCvss(VerbContext& ctx, const Args& args);  // cvss_verb.cc
// github_verbs.cc: the case's advisory, CVE and private fork (docs/github.md).
core::Result<Reply> RunAdvisory(VerbContext& ctx, const Args& args);
core::Result<Reply> RunCve(VerbContext& ctx, const Args& args);
core::Result<Reply> RunFork(VerbContext& ctx, const Args& args);
// members_verbs.cc, vote_verbs.cc: the committee (docs/governance.md).
core::Result<Reply> RunMembers(VerbContext& ctx, const Args& args);
core::Result<Reply> RunVote(VerbContext& ctx, const Args& args);
// oncall_verbs.cc: the on-call rotation and snoozing reminders (docs/reminders.md).
core::Result<Reply> RunOncall(VerbContext& ctx, const Args& args);
core::Result<Reply> RunSnooze(VerbContext& ctx, const Args& args);
core::Result<Reply> RunSummary(VerbContext& ctx, const Args& args);
core::Result<Reply> RunRelease(VerbContext& ctx, const Args& args);
core::Result<Reply> RunReleaseDay(VerbContext& ctx, const Args& args);
core::Result<Reply> RunAnnounce(VerbContext& ctx, const Args& args);
core::Result<Reply> RunRetro(VerbContext& ctx, const Args& args);
core::Result<Reply> RunLink(VerbContext& ctx, const Args& args);
// export_verb.cc: the case as OSV, CSAF, Markdown or JSON (docs/advisory-records.md).
core::Result<Reply> RunExport(VerbContext& ctx, const Args& args);
// mail_verbs.cc: mail to the reporter and the lists (docs/mail.md); `ack` too.
core::Result<Reply> RunMail(VerbContext& ctx, const Args& args);
core::Result<Reply> SendRetrospective(VerbContext& ctx, core::CaseId id);

}  // namespace srcbot::commands
