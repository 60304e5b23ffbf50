#include "core/release.h"

#include "core/markup.h"
#include "core/permissions.h"
#include "core/public_release.h"

namespace srcbot::core {
namespace {

bool IsWebUrl(const std::string& url) {
  return (url.starts_with("https://") || url.starts_with("http://")) &&
         url.find_first_of(" \t\r\n<>|") == std::string::npos;
}

Change Recorded(Case after, const Actor& actor, TimePoint now, std::string kind, std::string text) {
  Change change{std::move(after), {}, {}};
  CaseId id = change.after.id;
  change.events.push_back({id, now, actor.user, actor.channel, std::move(kind), text});
  change.messages.push_back({Audience::kSrcChannel, "", std::move(text), {id}, "", {}});
  return change;
}

}  // namespace

Result<Change> AddLink(const Case& current, const LinkCommand& cmd, const Actor& actor,
                       TimePoint now) {
  Access access = cmd.announcement ? Access::kSrcOnly : Access::kFixTeamOrSrc;
  if (Status st = Authorize(access, actor, &current); !st.ok()) return st;
  if (!current.IsOpen()) return Status::Conflict(CaseRef(current.id) + " is closed");
  if (!IsWebUrl(cmd.url)) return Status::Invalid("link needs an http(s) URL");
  Case after = current;
  std::string label = cmd.announcement ? "announcement" : cmd.label.empty() ? "link" : cmd.label;
  std::string text = Escape(label) + ": " + Escape(cmd.url) + " (added to " + CaseRef(current.id) +
                     " by " + Mention(actor.user) + ")";
  if (cmd.announcement) after.announcement_url = cmd.url;
  Change change = Recorded(std::move(after), actor, now, "link", std::move(text));
  if (cmd.announcement && IsReleased(current)) {
    for (Audience public_channel : {Audience::kGeneralChannel, Audience::kDevelopmentChannel}) {
      change.messages.push_back({public_channel, "", kReleasePostUpdate, {}, "", current.id});
    }
  }
  return change;
}

Result<Change> SetSummary(const Case& current, const SummaryCommand& cmd, const Actor& actor,
                          TimePoint now) {
  if (Status st = Authorize(Access::kSrcOnly, actor, &current); !st.ok()) return st;
  if (!current.IsOpen()) return Status::Conflict(CaseRef(current.id) + " is closed");
  if (cmd.text.empty()) return Status::Invalid("summary needs the text, in quotes");
  Case after = current;
  after.public_summary = cmd.text;
  return Recorded(std::move(after), actor, now, "summary",
                  "Public summary of " + CaseRef(current.id) + " set by " + Mention(actor.user) +
                      ": " + Escape(cmd.text));
}

Result<Change> Release(const Case& current, const ReleaseCommand& cmd, const Actor& actor,
                       TimePoint now) {
  if (Status st = Authorize(Access::kSrcOnly, actor, &current); !st.ok()) return st;
  const std::string ref = CaseRef(current.id);
  if (current.released_at || !current.embargoed) return Status::Conflict(ref + " is already released");
  if (current.stage != Stage::kFixDevelopment && current.stage != Stage::kReleaseScheduled) {
    return Status::Conflict("cannot release " + ref + " while it is " +
                            std::string(StageName(current.stage)));
  }
  if (!current.fixed_at) return Status::Conflict(ref + " has no fix yet: the fix team runs /src fixed first");
  std::string missing;
  if (!current.cvss_score) missing += ", a CVSS score (/src cvss " + ref + " <vector>)";
  if (current.public_summary.empty()) missing += ", a public summary (/src summary " + ref + " \"…\")";
  if (!current.release_day) missing += ", a release day (/src release-day " + ref + ")";
  if (!missing.empty()) return Status::Conflict(ref + " cannot be released without" + missing.substr(1));
  if (cmd.version.empty()) return Status::Invalid("release needs --version");
  if (!IsWebUrl(cmd.release_url)) return Status::Invalid("release needs --release-url with an http(s) link");
  if (!cmd.announcement_url.empty() && !IsWebUrl(cmd.announcement_url)) {
    return Status::Invalid("--announcement-url must be an http(s) link");
  }
  Case after = current;
  after.embargoed = false;
  after.released_at = now;
  after.stage = Stage::kReleased;
  after.fixed_version = cmd.version;
  after.release_url = cmd.release_url;
  if (!cmd.announcement_url.empty()) after.announcement_url = cmd.announcement_url;
  std::string text = ref + " released as " + Escape(cmd.version) + " by " + Mention(actor.user) +
                     ": the embargo is lifted. The release posts go to the general and "
                     "development channels. Next: the retrospective within 3 days.";
  Change change = Recorded(std::move(after), actor, now, "released", std::move(text));
  for (Audience public_channel : {Audience::kGeneralChannel, Audience::kDevelopmentChannel}) {
    change.messages.push_back({public_channel, "", "", {}, "", current.id});
  }
  return change;
}

}  // namespace srcbot::core
