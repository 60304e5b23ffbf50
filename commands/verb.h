#pragma once
// One `/src` verb: its name, usage, who may run it, its flags and its handler.
// The router is a table of these (verb_table.h), not a switch.

#include <functional>
#include <string_view>
#include <vector>

#include "commands/args.h"
#include "commands/invocation.h"
#include "commands/record_writer.h"
#include "core/advisory_store.h"
#include "core/case_store.h"
#include "core/command.h"
#include "core/deadlines.h"
#include "core/mail_store.h"
#include "core/release_day.h"
#include "core/release_gate.h"
#include "core/reminders.h"
#include "core/permissions.h"

namespace srcbot::commands {

// Mail (docs/mail.md): what the verbs that write mail need. Off (the verbs
// say so, `ack` acknowledges without mailing) while `store` is null or
// `from` has no address.
struct MailOptions {
  core::MailStore* store = nullptr;
  core::MailAddress from = {};  // --mail-from
  std::string project = {};     // signs the mails
  std::string announce_list = {};
  std::string retro_list = {};
  std::string archive_pattern = {};  // --announce-archive-url
  // A fresh Message-ID for a mail from `from` (core::MakeMessageId with real randomness).
  std::function<std::string()> new_message_id = {};
};

struct ServiceOptions {
  std::string src_channel;  // channel id of the SRC's private channel
  core::DeadlinePolicy deadlines;
  // The public channels the release posts go to; empty: not configured.
  std::string general_channel = {};
  std::string development_channel = {};
  core::ReleaseDayPolicy release_days = {};
  // The queue of GitHub work (docs/github.md); nullptr when GitHub is not
  // configured, and then the GitHub verbs say so.
  core::AdvisoryStore* advisories = nullptr;
  // Reminders (docs/reminders.md): zone data for quiet hours (nullptr: every
  // zone counts as UTC), the schedule, and the shift `oncall set` uses
  // without --days (--oncall-days).
  const core::ZoneOffsets* zones = nullptr;
  core::ReminderPolicy reminders = {};
  int oncall_days = 7;
  // Advisory records and the release gate (docs/advisory-records.md,
  // docs/release-gate.md): how exports become text (nullptr: only the
  // built-in texts; `export` and the attachments at release say so), where
  // `release` asks GitHub for the release (nullptr: GitHub is not configured,
  // and the release records that the gate was not checked), and the folder
  // the OSV record is written to at release (--osv-dir; empty: none).
  const RecordWriter* records = nullptr;
  core::ReleaseSource* releases = nullptr;
  std::string osv_dir = {};
  MailOptions mail = {};
};

// Everything a handler may touch. Handlers return values; they never talk to Slack.
struct VerbContext {
  core::CaseStore& store;
  const ServiceOptions& options;
  const core::Actor& actor;
  core::TimePoint now;
};

struct Verb {
  std::string_view name;
  std::string_view usage;    // "ack <case>"
  std::string_view summary;  // one line for `help`
  core::Access access;
  std::vector<FlagSpec> flags;
  std::function<core::Result<Reply>(VerbContext&, const Args&)> run;
};

}  // namespace srcbot::commands
