// Schema versions 1-7: the cases, their timeline and outbox, the Slack
// delivery log, governance, GitHub and reminders. Append-only: a released
// migration is never edited (docs/storage.md).
#include "store/schema_migrations.h"

namespace srcbot::store {
namespace {

// Schema v1. Times are INTEGER Unix seconds (NULL: not happened yet); enums are
// their text names (core::StageName and friends) so the file reads well in the
// sqlite3 shell. Enum columns carry no CHECK: SQLite cannot alter a CHECK, so a
// new stage would need a table rebuild; the loader rejects unknown names.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE cases (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  title           TEXT    NOT NULL,
  repo            TEXT    NOT NULL DEFAULT '',
  affected        TEXT    NOT NULL DEFAULT '',
  upstream        TEXT    NOT NULL DEFAULT '',
  reporter        TEXT    NOT NULL DEFAULT '',
  credit          TEXT    NOT NULL DEFAULT '',
  via             TEXT    NOT NULL,
  stage           TEXT    NOT NULL,
  resolution      TEXT,
  is_public       INTEGER NOT NULL DEFAULT 0,
  slow            INTEGER NOT NULL DEFAULT 0,
  embargoed       INTEGER NOT NULL DEFAULT 1,
  going_public    TEXT    NOT NULL DEFAULT 'no',
  replicated      INTEGER,
  cvss_score      REAL,
  lead            TEXT    NOT NULL DEFAULT '',
  received_at     INTEGER NOT NULL,
  reported_at     INTEGER NOT NULL,
  acknowledged_at INTEGER,
  team_formed_at  INTEGER,
  fixed_at        INTEGER,
  public_at       INTEGER,
  released_at     INTEGER,
  retro_done_at   INTEGER,
  closed_at       INTEGER
);
CREATE INDEX cases_stage ON cases(stage);

CREATE TABLE case_team (
  case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user     TEXT    NOT NULL,
  outside  INTEGER NOT NULL DEFAULT 0,
  approved INTEGER NOT NULL DEFAULT 1,
  reporter INTEGER NOT NULL DEFAULT 0,
  github   TEXT    NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  PRIMARY KEY (case_id, user)
) WITHOUT ROWID;
CREATE INDEX case_team_user ON case_team(user);

CREATE TABLE timeline (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at      INTEGER NOT NULL,
  actor   TEXT    NOT NULL DEFAULT '',
  channel TEXT    NOT NULL DEFAULT '',
  kind    TEXT    NOT NULL,
  text    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX timeline_case ON timeline(case_id, id);

CREATE TABLE members (
  user      TEXT    PRIMARY KEY,
  vendor    TEXT    NOT NULL DEFAULT '',
  github    TEXT    NOT NULL DEFAULT '',
  joined_at INTEGER NOT NULL,
  status    TEXT    NOT NULL DEFAULT 'active'
);

CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  channel    TEXT    NOT NULL,
  direct     INTEGER NOT NULL DEFAULT 0,
  text       TEXT    NOT NULL,
  about      TEXT    NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  state      TEXT    NOT NULL DEFAULT 'pending',
  attempts   INTEGER NOT NULL DEFAULT 0,
  note       TEXT    NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_pending ON outbox(id) WHERE state = 'pending';
)sql";

// Schema v2: the Events API delivery log (SLACK.md §3, "Dedup recipe"). One
// row per event_id seen; rows older than 48 h are pruned by the store.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE seen_events (
  event_id    TEXT    PRIMARY KEY,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX seen_events_received ON seen_events(received_at);
)sql";

// Schema v4: the public fields a released case may show (SPEC §4), the CVSS
// vector, and the embargo guard's decisions (SPEC §3, the audit). A decision
// row names the destination and the verdict, never the text that was judged.
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE cases ADD COLUMN cvss_vector      TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN fixed_version    TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN cve              TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN ghsa_id          TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN public_summary   TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN release_url      TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN advisory_url     TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN announcement_url TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN release_day      INTEGER;
ALTER TABLE outbox ADD COLUMN release_of      INTEGER;
CREATE TABLE embargo_decisions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  at          INTEGER NOT NULL,
  outcome     TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  destination TEXT    NOT NULL,
  recipient   TEXT    NOT NULL DEFAULT '',
  reason      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX embargo_decisions_case ON embargo_decisions(case_id, id);
)sql";

// Schema v5: committee governance (docs/governance.md). The members table gains
// the terms of a membership: a temporary member's period and whom they cover,
// when a member left, their latest leave, working hours, and activity. Votes
// keep their ballots (one per voter); the committee has a timeline of its own.
// Member status: active, temporary, emeritus, removed, expired.
constexpr const char* kSchemaV5 = R"sql(
ALTER TABLE members ADD COLUMN until                 INTEGER;
ALTER TABLE members ADD COLUMN covers                TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN left_at               INTEGER;
ALTER TABLE members ADD COLUMN leave_from            INTEGER;
ALTER TABLE members ADD COLUMN leave_until           INTEGER;
ALTER TABLE members ADD COLUMN leave_cover           TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN time_zone             TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN work_start            INTEGER;
ALTER TABLE members ADD COLUMN work_end              INTEGER;
ALTER TABLE members ADD COLUMN last_active_at        INTEGER;
ALTER TABLE members ADD COLUMN inactivity_flagged_at INTEGER;
CREATE TABLE votes (
  id             INTEGER PRIMARY KEY,
  topic          TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  converted      INTEGER NOT NULL DEFAULT 0,
  window_seconds INTEGER NOT NULL,
  opened_by      TEXT    NOT NULL,
  opened_at      INTEGER NOT NULL,
  deadline       INTEGER NOT NULL,
  state          TEXT    NOT NULL DEFAULT 'open',
  closed_at      INTEGER,
  result         TEXT    NOT NULL DEFAULT '',
  action         TEXT    NOT NULL DEFAULT 'none',
  subject        TEXT    NOT NULL DEFAULT '',
  vendor         TEXT    NOT NULL DEFAULT '',
  github         TEXT    NOT NULL DEFAULT '',
  applied_at     INTEGER,
  applied_by     TEXT    NOT NULL DEFAULT ''
);
CREATE TABLE ballots (
  vote_id  INTEGER NOT NULL REFERENCES votes(id),
  voter    TEXT    NOT NULL,
  choice   TEXT    NOT NULL,
  cast_at  INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (vote_id, voter)
) WITHOUT ROWID;
CREATE TABLE committee_timeline (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT    NOT NULL DEFAULT '',
  kind    TEXT    NOT NULL,
  text    TEXT    NOT NULL DEFAULT '',
  vote_id INTEGER
);
)sql";

// Schema v6: the GitHub work (docs/github.md). advisory_jobs is the durable
// queue of calls to GitHub: a job is queued with the timeline event of its
// request and marked done with its outcome, each in one transaction; key makes
// the bot's own jobs (publish after release) happen once per case. advisories
// holds what srcbot knows of each case's repository security advisory;
// github_reports the private reports already opened as cases (one case each).
constexpr const char* kSchemaV6 = R"sql(
CREATE TABLE advisory_jobs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  kind         TEXT    NOT NULL,
  key          TEXT    UNIQUE,
  params       TEXT    NOT NULL DEFAULT '{}',
  requested_by TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  not_before   INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  state        TEXT    NOT NULL DEFAULT 'pending',
  done_at      INTEGER,
  note         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX advisory_jobs_pending ON advisory_jobs(not_before, id) WHERE state = 'pending';
CREATE TABLE advisories (
  case_id       INTEGER PRIMARY KEY REFERENCES cases(id),
  repo          TEXT    NOT NULL,
  ghsa_id       TEXT    NOT NULL DEFAULT '',
  url           TEXT    NOT NULL DEFAULT '',
  state         TEXT    NOT NULL DEFAULT '',
  ecosystem     TEXT    NOT NULL DEFAULT '',
  package       TEXT    NOT NULL DEFAULT '',
  collaborators TEXT    NOT NULL DEFAULT '',
  fork_name     TEXT    NOT NULL DEFAULT '',
  fork_url      TEXT    NOT NULL DEFAULT '',
  published_at  INTEGER
);
CREATE TABLE github_reports (
  ghsa_id TEXT    PRIMARY KEY,
  repo    TEXT    NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  seen_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Schema v7: reminders and the on-call rotation (docs/reminders.md). One row
// per case: what its reminders have fired (`fired`: "kind:due:step" items,
// kind the DeadlineKind's number), the last stale ping, a snooze, and wake_at,
// when the tick must look at the case again (indexed, so a tick reads only
// the cases due; 0 marks a case written since it was last looked at; NULL
// means never, until the case changes). oncall holds the one rotation.
constexpr const char* kSchemaV7 = R"sql(
CREATE TABLE case_reminders (
  case_id         INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  wake_at         INTEGER,
  fired           TEXT    NOT NULL DEFAULT '',
  stale_pinged_at INTEGER,
  snoozed_until   INTEGER
);
CREATE INDEX case_reminders_wake ON case_reminders(wake_at);
INSERT INTO case_reminders (case_id, wake_at) SELECT id, 0 FROM cases WHERE stage != 'closed';
CREATE TABLE oncall (
  id                    INTEGER PRIMARY KEY CHECK (id = 1),
  members               TEXT    NOT NULL DEFAULT '',
  shift_seconds         INTEGER NOT NULL,
  starts_at             INTEGER NOT NULL,
  overrides             TEXT    NOT NULL DEFAULT '',
  current               TEXT    NOT NULL DEFAULT '',
  since                 INTEGER NOT NULL DEFAULT 0,
  handover_to           TEXT    NOT NULL DEFAULT '',
  handover_announced_at INTEGER
);
)sql";

}  // namespace

std::vector<Migration> CaseSchemaMigrations() {
  return {
      {1, "initial schema", kSchemaV1},
      {2, "seen events", kSchemaV2},
      // The button a post offers (Message::offers), e.g. "ack" on a new report.
      {3, "outbox buttons", "ALTER TABLE outbox ADD COLUMN offers TEXT NOT NULL DEFAULT '';"},
      {4, "public fields, cvss vector, embargo decisions", kSchemaV4},
      {5, "committee governance: member terms, votes, ballots, timeline", kSchemaV5},
      {6, "github: advisory jobs, advisories, private reports", kSchemaV6},
      {7, "reminders and the on-call rotation", kSchemaV7},
  };
}

}  // namespace srcbot::store
