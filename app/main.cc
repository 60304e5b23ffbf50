// srcbot's entry point: the one place that builds concrete classes and wires
// them together. Start-up failures (bad configuration, a database that cannot
// be opened) end the process here with a clear line; nothing else exits.

#include <malloc.h>
#include <unistd.h>

#include <iostream>

#include "app/cvss_command.h"
#include "app/github_runtime.h"
#include "app/mail_runtime.h"
#include "app/mail_settings.h"
#include "app/manifest.h"
#include "app/record_writer.h"
#include "app/service_options.h"
#include "app/slack_serve.h"
#include "app/system_clock.h"
#include "bot/console/console.h"
#include "bot/console/console_workspace.h"
#include "bot/egress/embargo_guard.h"
#include "bot/egress/outbox_worker.h"
#include "bot/observability/log.h"
#include "bot/runtime/periodic_task.h"
#include "commands/case_ref.h"
#include "commands/command_service.h"
#include "config/options.h"
#include "store/backup.h"
#include "store/sqlite_case_store.h"

namespace srcbot::app {
namespace {

using config::Invocation;

int Fail(const std::string& message, int status = 1) {
  std::cerr << "srcbot: " << message << "\n";
  return status;
}

core::Result<std::unique_ptr<store::SqliteCaseStore>> OpenStore(const config::Config& cfg,
                                                                const core::Clock& clock) {
  return store::SqliteCaseStore::Open(cfg.db, clock);
}

int RunConsole(const config::Config& cfg) {
  SystemClock clock;
  auto opened = OpenStore(cfg, clock);
  if (!opened.ok()) return Fail(opened.status().message());
  core::CaseStore& store = *opened.value();

  // Without --admins the console seeds a demo roster so a newcomer can try it.
  std::vector<core::UserId> admins = cfg.admins;
  if (admins.empty()) admins = {"alice", "bob", "carol"};
  if (auto st = store.SeedMembers(admins, clock.Now()); !st.ok()) return Fail(st.message());
  auto members = store.Members();
  if (!members.ok()) return Fail(members.status().message());
  core::UserId first = members.value().empty() ? admins.front() : members.value().front().user;

  bot::ConsoleWorkspace workspace(store);
  bot::EmbargoGuard guard(store, workspace, [](const bot::EgressKey& key) {
    return std::make_unique<bot::ConsoleSink>(key, std::cout);
  });
  bot::OutboxWorker outbox(store, guard);
  outbox.Drain();  // anything committed but not delivered before the last exit
  // GitHub (docs/github.md), with --github-token: its outcomes show with the
  // next line's output.
  auto github = GithubRuntime::Start(cfg, clock, store, bot::kConsoleSrcChannel,
                                     [](const std::string& line) {
                                       std::cerr << "srcbot: " << line << "\n";
                                     });
  if (!github.ok()) return Fail(github.status().message());
  // Mail (docs/mail.md): `:mail-in` always; the servers when configured.
  auto mail_settings = CheckMailSettings(cfg);
  if (!mail_settings.ok()) return Fail(mail_settings.status().message(), 2);
  auto mail = MailRuntime::Start(cfg, mail_settings.value(), clock, store, bot::kConsoleSrcChannel,
                                 nullptr, [](const std::string& line) {
                                   std::cerr << "srcbot: " << line << "\n";
                                 });
  if (!mail.ok()) return Fail(mail.status().message());
  commands::CommandService service(
      store, clock,
      WithMail(WithGithub(ServiceOptionsFrom(cfg, bot::kConsoleSrcChannel, bot::kConsoleGeneral,
                                             bot::kConsoleDevelopment),
                          github.value().get()),
               mail.value().get()));
  // The committee's deadlines (votes, temporary members, inactivity) and the
  // reminders, stale cases and on-call hand-overs (docs/reminders.md); their
  // posts show with the next line's output.
  bot::PeriodicTask tick(
      [&] {
        const core::TimePoint now = clock.Now();
        (void)service.CommitteeTick(now);
        (void)service.ReminderTick(now);
      },
      std::chrono::seconds(cfg.tick_seconds));
  tick.Start();
  bot::Console console(service, guard, outbox, first);
  console.SetMailFeed([&mail](const std::string& path) { return mail.value()->FeedFile(path); });
  return console.Run(std::cin, std::cout, isatty(STDIN_FILENO) == 1);
}

int RunMigrate(const config::Config& cfg) {
  auto report = store::SqliteCaseStore::Migrate(cfg.db);
  if (!report.ok()) return Fail(report.status().message());
  const auto& r = report.value();
  if (r.from_version == r.to_version) {
    std::cout << cfg.db << ": schema is current (version " << r.to_version << ")\n";
  } else {
    std::cout << cfg.db << ": migrated schema from version " << r.from_version << " to "
              << r.to_version << "\n";
  }
  return 0;
}

int RunBackup(const config::Config& cfg, const std::string& path) {
  if (auto st = store::BackupDatabase(cfg.db, path); !st.ok()) return Fail(st.message());
  std::cout << "backed up " << cfg.db << " to " << path << "\n";
  return 0;
}

int RunExport(const config::Config& cfg, const Invocation& inv) {
  auto id = commands::ParseCaseRef(inv.export_case);
  if (!id.ok()) return Fail(id.status().message(), 2);
  SystemClock clock;
  auto opened = OpenStore(cfg, clock);
  if (!opened.ok()) return Fail(opened.status().message());
  auto c = opened.value()->Load(id.value());
  if (!c.ok()) return Fail(c.status().message());
  auto timeline = opened.value()->Timeline(id.value());
  if (!timeline.ok()) return Fail(timeline.status().message());
  auto decisions = opened.value()->Decisions(id.value());
  if (!decisions.ok()) return Fail(decisions.status().message());
  core::AdvisoryRecord advisory;
  advisory.case_id = id.value();
  // The advisory record (GitHub's ecosystem and package) feeds the OSV record;
  // a database that never had GitHub has none.
  if (auto advisories = store::SqliteAdvisoryStore::Open(cfg.db, clock); advisories.ok()) {
    if (auto record = advisories.value()->Record(id.value()); record.ok()) advisory = record.value();
  }
  const AppRecordWriter writer(cfg.project + " Security Response Committee");
  auto text = writer.Render(inv.export_format, {c.value(), timeline.value(), decisions.value(),
                                                advisory, clock.Now()});
  if (!text.ok()) return Fail(text.status().message());
  std::cout << text.value();
  return 0;
}

int RunManifest(const config::Config& cfg, const Invocation& inv) {
  std::string mode = config::EffectiveMode(cfg);
  // Socket Mode is the recommended production transport: the default when the
  // configuration does not ask for http.
  if (mode != "http") mode = "socket";
  auto manifest = SlackManifest(mode, inv.manifest_url, cfg.project);
  if (!manifest.ok()) return Fail(manifest.status().message(), 2);
  std::cout << manifest.value().dump(2) << "\n";
  return 0;
}

int RunServe(const config::Config& cfg) {
  std::string mode = config::EffectiveMode(cfg);
  if (mode == "console") return RunConsole(cfg);
  // From here on stderr carries JSON lines only (bot/observability/log.h); the console
  // above keeps its human output. The options checked the name already.
  bot::SetLogLevel(bot::ParseLogLevel(cfg.log_level).value_or(bot::LogLevel::kInfo));
  SystemClock clock;
  return ServeSlack(cfg, mode, clock);
}

}  // namespace
}  // namespace srcbot::app

int main(int argc, char** argv) {
  // glibc gives each of the HTTP workers' threads an arena of its own (up to
  // 8 per core); two suffice for threads that mostly wait, and hold ~10% less
  // memory under load (measured: 25.1 → 22.7 MiB peak).
  mallopt(M_ARENA_MAX, 2);
  using srcbot::config::Invocation;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto outcome = srcbot::config::ParseCommandLine(args, srcbot::config::ProcessEnvironment());
  if (!outcome.output.empty()) {
    std::ostream& out = outcome.to_stderr ? std::cerr : std::cout;
    out << outcome.output;
    if (outcome.output.back() != '\n') out << '\n';
  }
  if (!outcome.invocation) return outcome.exit_code;
  const Invocation& inv = *outcome.invocation;
  switch (inv.sub) {
    case Invocation::Subcommand::kServe: return srcbot::app::RunServe(inv.config);
    case Invocation::Subcommand::kConsole: return srcbot::app::RunConsole(inv.config);
    case Invocation::Subcommand::kMigrate: return srcbot::app::RunMigrate(inv.config);
    case Invocation::Subcommand::kBackup: return srcbot::app::RunBackup(inv.config, inv.backup_path);
    case Invocation::Subcommand::kExport: return srcbot::app::RunExport(inv.config, inv);
    case Invocation::Subcommand::kManifest: return srcbot::app::RunManifest(inv.config, inv);
    // Needs neither the database nor Slack: scoring is pure.
    case Invocation::Subcommand::kCvss: return srcbot::app::PrintCvss(inv.cvss_vectors, std::cout);
  }
  return 1;
}
