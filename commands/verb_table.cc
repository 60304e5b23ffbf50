#include "commands/verb_table.h"


namespace srcbot::commands {
namespace {

using core::Access;

const std::vector<Verb>& Table() {
  static const std::vector<Verb> kVerbs = {
      {"help", "help [verb]", "what you can do here", Access::kEveryone, {}, RunHelp},
      {"report",
       "report \"<title>\" [--repo owner/name] [--received <ISO-8601>] [--reporter \"<credit>\"] "
       "[--via email|private|public]",
       "open a case for a new report",
       Access::kSrcOnly,
       {{"repo", true}, {"received", true}, {"reporter", true}, {"via", true}},
       RunReport},
      {"list", "list [--all]", "open cases (--all: closed ones too)", Access::kSrcOnly,
       {{"all", false}}, RunList},
      {"show", "show <case>", "everything about a case", Access::kFixTeamOrSrc, {}, RunShow},
      {"timeline", "timeline <case>", "the case's history", Access::kFixTeamOrSrc, {}, RunTimeline},
      {"ack", "ack <case>", "acknowledge a report (mailing the reporter when it came by mail)",
       Access::kSrcOnly, {}, RunAck},
      {"mail", "mail <case> \"<text>\"", "mail the reporter in the case's thread",
       Access::kSrcOnly, {}, RunMail},
      {"lead", "lead <case> @user", "set the case lead", Access::kSrcOnly, {}, RunLead},
      {"triage",
       "triage <case> --replicated yes|no [--repo owner/name] [--affected \"<versions>\"] "
       "[--upstream \"<project>\"]",
       "record the assessment",
       Access::kSrcOnly,
       {{"replicated", true}, {"repo", true}, {"affected", true}, {"upstream", true}},
       RunTriage},
      {"team", "team <case> add|remove @user [--outside] [--github <login>]",
       "fix team members (--outside: pending until approved)", Access::kSrcOnly,
       {{"outside", false}, {"github", true}}, RunTeam},
      {"approve", "approve <case> @user", "approve an outside fix-team member", Access::kSrcOnly, {},
       RunApprove},
      {"reporter", "reporter <case> @user --private-contact [--credit \"<name>\"]",
       "add the reporter to the fix team", Access::kSrcOnly,
       {{"private-contact", false}, {"credit", true}}, RunReporter},
      {"cvss", "cvss <case> <vector>", "score the case with a CVSS v3.0, v3.1 or v4.0 vector",
       Access::kFixTeamOrSrc, {}, RunCvss},
      {"advisory",
       "advisory <case> create [--repo owner/name] [--ecosystem <name>] [--package <name>] "
       "[--cwe CWE-79,…] | advisory <case> publish | advisory <case> sync",
       "the case's GitHub security advisory (sync: its collaborators)", Access::kSrcOnly,
       {{"repo", true}, {"ecosystem", true}, {"package", true}, {"cwe", true}}, RunAdvisory},
      {"cve", "cve <case> request | cve <case> set CVE-YYYY-NNNNN",
       "request a CVE from GitHub, or record one", Access::kSrcOnly, {}, RunCve},
      {"fork", "fork <case>", "the advisory's temporary private fork on GitHub", Access::kSrcOnly,
       {}, RunFork},
      {"fixed", "fixed <case>", "the fix is ready", Access::kFixTeamOrSrc, {}, RunFixed},
      {"slow", "slow <case> --reason \"<text>\"", "extend fix and release deadlines (CVSS < 4.0)",
       Access::kSrcOnly, {{"reason", true}}, RunSlow},
      {"public", "public <case>", "the vulnerability is publicly known", Access::kSrcOnly, {},
       RunPublic},
      {"going-public", "going-public <case> --accepted|--refused",
       "the reporter's answer to private handling", Access::kSrcOnly,
       {{"accepted", false}, {"refused", false}}, RunGoingPublic},
      {"link", "link <case> <url> [\"<label>\"] [--announcement]",
       "record a PR, fork or release link (--announcement: the mailing-list post)",
       Access::kFixTeamOrSrc, {{"announcement", false}}, RunLink},
      {"release-day", "release-day <case> [YYYY-MM-DD|next] [--force --reason \"<text>\"]",
       "propose or set the release day", Access::kSrcOnly,
       {{"force", false}, {"reason", true}}, RunReleaseDay},
      {"summary", "summary <case> \"<text>\"", "the public summary used after release",
       Access::kSrcOnly, {}, RunSummary},
      {"announce", "announce <case> [--version <v>]",
       "render the announcement e-mail (privately)", Access::kSrcOnly, {{"version", true}},
       RunAnnounce},
      {"release",
       "release <case> --version <v> --release-url <url> [--announcement-url <url>] "
       "[--force --reason \"<text>\"]",
       "check the signed GitHub release, lift the embargo and post the release to the public "
       "channels",
       Access::kSrcOnly,
       {{"version", true}, {"release-url", true}, {"announcement-url", true}, {"force", false},
        {"reason", true}},
       RunRelease},
      {"export", "export <case> [--format osv|csaf|markdown|json]",
       "the case as a record: OSV or CSAF after release, Markdown or JSON", Access::kSrcOnly,
       {{"format", true}}, RunExport},
      {"retro", "retro <case> [--done | --send]",
       "render the retrospective; --send mails it to the retro list; --done closes the case",
       Access::kSrcOnly, {{"done", false}, {"send", false}}, RunRetro},
      {"close", "close <case> --reason fixed|not-a-vuln|duplicate|upstream|withdrawn",
       "close a case", Access::kSrcOnly, {{"reason", true}}, RunClose},
      {"members",
       "members [--emeritus] | add @user --vendor <name> [--github <login>] | remove @user | "
       "emeritus @user | leave @user --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--cover @user] | "
       "tz @user <IANA zone> <HH-HH> | history",
       "the SRC roster and its warnings, leave and cover, working hours",
       Access::kSrcOnly,
       {{"emeritus", false}, {"vendor", true}, {"github", true}, {"from", true}, {"to", true},
        {"cover", true}},
       RunMembers},
      {"vote",
       "vote start \"<topic>\" --kind lazy|majority|super [--hours 72] [--admit @user --vendor "
       "<name> [--github <login>] | --remove @user] | vote yes|no|abstain <id> | vote show [<id>] | "
       "vote confirm <id>",
       "committee votes: lazy consensus, majority, super-majority (2/3)",
       Access::kSrcOnly,
       {{"kind", true}, {"hours", true}, {"admit", true}, {"remove", true}, {"vendor", true},
        {"github", true}},
       RunVote},
      {"oncall", "oncall | oncall set @user… [--days N] | oncall ack | oncall swap @user",
       "the triage on-call rotation: who is on call now and next", Access::kSrcOnly,
       {{"days", true}}, RunOncall},
      {"snooze", "snooze <case> <30m|4h|1h30m|off>",
       "silence a case's reminders for up to 24 h", Access::kSrcOnly, {}, RunSnooze},
  };
  return kVerbs;
}

}  // namespace

std::span<const Verb> Verbs() { return Table(); }

const Verb* FindVerb(std::string_view name) {
  for (const Verb& v : Table()) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

}  // namespace srcbot::commands
