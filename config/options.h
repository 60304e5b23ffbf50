#pragma once
// The command line and configuration of srcbot (SPEC §6, docs/configuration.md).
//
// Every option is a flag, an environment variable and a config-file key, resolved
// per option in that order of precedence: flag > environment > file > default.
// Options are described once, in config/option_table.cc; adding an option is one
// row there plus its field here.
//
// ParseCommandLine is the only entry point main needs. It never throws, never
// exits and never prints: it returns what to print, where, and the exit code.
// It reads the config file named by --config (or SRCBOT_CONFIG) and the
// environment through the injected Environment; nothing else touches the OS.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace srcbot::config {

// Looks up an environment variable; nullopt when unset. An empty value is
// treated as unset by the resolver.
using Environment = std::function<std::optional<std::string>(const std::string&)>;

// The real environment (getenv). For main; tests inject a map.
Environment ProcessEnvironment();

// The effective configuration. Obtain it from ParseCommandLine or
// DefaultConfig(): defaults live in the option table, not here, so a
// value-initialised Config is NOT a valid configuration.
struct Config {
  std::string mode;                  // auto | http | socket | console
  std::string listen;                // host:port, port 1..65535
  std::string db;                    // path of the SQLite database
  std::string slack_signing_secret;  // secret; empty when unset
  std::string slack_bot_token;       // secret; empty when unset
  std::string slack_app_token;       // secret; empty when unset
  std::string slack_api_url;         // http(s) URL, e.g. "https://slack.com/api/"
  std::string src_channel;           // channel ids; empty when unset
  std::string general_channel;
  std::string development_channel;
  std::vector<std::string> admins;  // Slack user ids
  std::string project;
  std::string github_token;               // secret; empty when unset
  std::string github_api_url;             // http(s) URL
  int tick_seconds = 0;                   // > 0
  int oncall_days = 0;                    // 1..90: an on-call shift without --days
  int release_hour_utc = 0;               // 0..23
  std::vector<std::string> holidays;      // each a valid YYYY-MM-DD
  std::vector<std::string> github_repos;  // each owner/name
  double github_poll_minutes = 0;         // > 0, fractions allowed
  std::string metrics_listen;             // host:port or empty
  std::string osv_dir;                    // directory for OSV records at release, or empty
  int http_request_timeout_seconds = 0;   // 1..300
  std::string log_level;                  // trace | debug | info | warn | error
  // Mail (SPEC §7, docs/mail.md); off while both server URLs are empty.
  std::string mail_imap_url;         // imaps://host/FOLDER; checked at start by mail_url
  std::string mail_user;
  std::string mail_password_file;    // read at start; the password is never in Config
  std::string mail_ca_file;          // PEM CAs trusted for the mail servers; empty: the system's
  std::string mail_smtp_url;         // smtps://host:465 or smtp://host:587
  std::string mail_from;             // a plain address, or empty
  double mail_poll_seconds = 0;      // > 0, fractions allowed
  double mail_alert_minutes = 0;     // > 0: failed polls this long are told to #src
  std::string mail_done_folder;      // non-empty
  std::string pgp_home;              // GnuPG home with the SRC key; empty: no OpenPGP
  int mail_max_bytes = 0;            // content kept per received message, > 0
  std::string announce_list;         // addresses, or empty
  std::string retro_list;
  std::string announce_archive_url;  // http(s) URL with {message_id}, or empty

  friend bool operator==(const Config&, const Config&) = default;
};

// The configuration with every option at its default.
Config DefaultConfig();

// What `mode = auto` means for this config: "socket" when an app token is set,
// else "http" when a signing secret is set, else "console". Other modes are
// returned unchanged.
std::string EffectiveMode(const Config& config);

// The configuration as a TOML config file, one `key = value` line per option in
// table order. Secrets are shown as "***" when set and "" when unset. Apart from
// the secrets, the output parses back to the same Config.
std::string RenderConfig(const Config& config);

// A validated request to run one subcommand.
struct Invocation {
  enum class Subcommand { kServe, kConsole, kMigrate, kBackup, kExport, kManifest, kCvss };
  Subcommand sub = Subcommand::kServe;
  Config config;
  std::string backup_path;    // kBackup only; non-empty
  std::string export_case;    // kExport only; non-empty
  std::string export_format;  // kExport only; "markdown", "json", "osv" or "csaf"
  std::string manifest_url;   // kManifest only; the public base URL for http mode
  std::vector<std::string> cvss_vectors;  // kCvss only; at least one, each as typed
};

// What main should do: print `output` (to stderr when to_stderr) and, when
// `invocation` is set, run it; otherwise exit with `exit_code`.
//   help (-h/--help anywhere)      exit 0, help text on stdout, no invocation
//   --print-config                 exit 0, RenderConfig on stdout, no invocation
//   any usage or config error      exit 2, ONE line "srcbot: ..." on stderr; the
//                                  line never contains the value of a secret
//   success                        exit 0, empty output, invocation set
struct ParseOutcome {
  int exit_code = 0;
  std::string output;
  bool to_stderr = false;
  std::optional<Invocation> invocation;
};

// `args` is argv without argv[0]. Options may appear before or after the
// subcommand. Never throws.
ParseOutcome ParseCommandLine(const std::vector<std::string>& args, const Environment& env);

}  // namespace srcbot::config
