// advisory, cve, fork: the case's work on GitHub (docs/github.md). Each call
// is queued with the timeline event of its request and acked at once; the
// GitHub worker runs it and posts the outcome in the SRC channel.
#include <algorithm>

#include "commands/case_change.h"
#include "commands/verb_table.h"
#include "core/advisory_requests.h"
#include "core/markup.h"

namespace srcbot::commands {
namespace {

core::Status NotConfigured() {
  return core::Status::Unavailable(
      "GitHub is not configured: set --github-token (GITHUB_TOKEN); see docs/github.md");
}

core::Result<Reply> Queue(VerbContext& ctx, core::CaseId id, core::AdvisoryJob job) {
  if (ctx.options.advisories == nullptr) return NotConfigured();
  job.requested_by = ctx.actor.user;
  std::string ack;
  auto change = ctx.options.advisories->Enqueue(
      id,
      [&](const core::Case& current, const core::AdvisoryRecord& record) {
        auto requested = core::RequestAdvisoryWork(current, record, job, ctx.actor, ctx.now);
        if (requested.ok()) ack = core::RequestAck(current, record, job);
        return requested;
      },
      job);
  if (!change.ok()) return change.status();
  // The ack names the advisory and repository: a case detail, judged by the guard.
  return Reply{ack,
               {id},
               "On it: GitHub work for " + core::CaseRef(id) +
                   " is queued; the outcome is posted in the SRC channel."};
}

// The words after `<case>`: exactly `want` of them.
core::Status Arity(const Args& args, size_t want, std::string_view usage) {
  if (args.positionals.size() < want) return core::Status::Invalid(std::string(usage));
  if (args.positionals.size() > want) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[want])) +
                                 "\"");
  }
  return core::Status::Ok();
}

std::vector<std::string> SplitCwes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string one = text.substr(start, comma - start);
    std::erase_if(one, [](char c) { return c == ' '; });
    std::transform(one.begin(), one.end(), one.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    if (!one.empty()) out.push_back(one);
    start = comma + 1;
  }
  return out;
}

}  // namespace

core::Result<Reply> RunAdvisory(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "advisory");
  if (!id.ok()) return id.status();
  if (core::Status s = Arity(args, 2, "advisory needs a case and create, publish or sync"); !s.ok())
    return s;
  const std::string action = TokenText(args.positionals[1]);
  core::AdvisoryJob job;
  if (action == "create") {
    job.kind = core::AdvisoryJobKind::kCreate;
    job.repo = args.Value("repo");
    job.ecosystem = args.Value("ecosystem");
    job.package = args.Value("package");
    job.cwe_ids = SplitCwes(args.Value("cwe"));
    return Queue(ctx, id.value(), job);
  }
  if (action != "publish" && action != "sync") {
    return core::Status::Invalid("advisory needs create, publish or sync, got \"" +
                                 core::Escape(action) + "\"");
  }
  for (const char* flag : {"repo", "ecosystem", "package", "cwe"}) {
    if (args.Has(flag)) return core::Status::Invalid("advisory " + action + " takes no --" + flag);
  }
  job.kind =
      action == "publish" ? core::AdvisoryJobKind::kPublish : core::AdvisoryJobKind::kCollaborators;
  return Queue(ctx, id.value(), job);
}

core::Result<Reply> RunCve(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "cve");
  if (!id.ok()) return id.status();
  if (args.positionals.size() < 2)
    return core::Status::Invalid("cve needs a case and request or set");
  const std::string action = TokenText(args.positionals[1]);
  if (action == "request") {
    if (core::Status s = Arity(args, 2, ""); !s.ok()) return s;
    core::AdvisoryJob job;
    job.kind = core::AdvisoryJobKind::kRequestCve;
    return Queue(ctx, id.value(), job);
  }
  if (action != "set") {
    return core::Status::Invalid("cve needs request or set, got \"" + core::Escape(action) + "\"");
  }
  if (core::Status s = Arity(args, 3, "cve set needs the CVE id, like CVE-2026-1234"); !s.ok())
    return s;
  std::string cve = TokenText(args.positionals[2]);
  std::transform(cve.begin(), cve.end(), cve.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  return ChangeCaseWith(ctx, id.value(), [&](const core::Case& current) {
    return core::SetCve(current, cve, ctx.actor, ctx.now);
  });
}

core::Result<Reply> RunFork(VerbContext& ctx, const Args& args) {
  auto id = CaseArg(args, "fork");
  if (!id.ok()) return id.status();
  if (core::Status s = Arity(args, 1, "fork needs a case"); !s.ok()) return s;
  core::AdvisoryJob job;
  job.kind = core::AdvisoryJobKind::kFork;
  return Queue(ctx, id.value(), job);
}

}  // namespace srcbot::commands
