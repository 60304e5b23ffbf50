#include "config/option_table.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>

#include "core/mail_headers.h"
#include "core/time.h"

namespace srcbot::config {
namespace {

// A check returns what was expected when `value` is refused, nullopt when fine.
using Check = std::optional<std::string> (*)(std::string_view value);

std::optional<std::string> OneOf(std::string_view value, std::vector<std::string_view> allowed,
                                 std::string_view expected) {
  for (std::string_view a : allowed) {
    if (value == a) return std::nullopt;
  }
  return std::string(expected);
}

std::optional<std::string> CheckMode(std::string_view v) {
  return OneOf(v, {"auto", "http", "socket", "console"}, "auto, http, socket or console");
}

std::optional<std::string> CheckLogLevel(std::string_view v) {
  return OneOf(v, {"trace", "debug", "info", "warn", "error"}, "trace, debug, info, warn or error");
}

// host:port. An IPv6 host must be bracketed ("[::1]:3000"), otherwise the
// last colon could not tell the port from the address.
std::optional<std::string> CheckHostPort(std::string_view v) {
  const std::string expected = "host:port with a port from 1 to 65535";
  size_t colon = v.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return expected;
  std::string_view host = v.substr(0, colon);
  std::string_view port = v.substr(colon + 1);
  if (host.find(':') != std::string_view::npos && (host.front() != '[' || host.back() != ']')) {
    return expected;
  }
  int number = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || number < 1 ||
      number > 65535) {
    return expected;
  }
  return std::nullopt;
}

std::optional<std::string> CheckOptionalHostPort(std::string_view v) {
  if (v.empty()) return std::nullopt;
  auto problem = CheckHostPort(v);
  if (problem) return *problem + " (or empty)";
  return std::nullopt;
}

std::optional<std::string> CheckNotEmpty(std::string_view v) {
  if (v.empty()) return "a non-empty value";
  return std::nullopt;
}

std::optional<std::string> CheckUrl(std::string_view v) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (v.size() > scheme.size() && v.substr(0, scheme.size()) == scheme) return std::nullopt;
  }
  return "an http:// or https:// URL";
}

std::optional<std::string> CheckDate(std::string_view v) {
  if (core::ParseIsoDate(v)) return std::nullopt;
  return "dates as YYYY-MM-DD";
}

std::optional<std::string> CheckRepo(std::string_view v) {
  size_t slash = v.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == v.size() ||
      v.find('/', slash + 1) != std::string_view::npos) {
    return "repositories as owner/name";
  }
  return std::nullopt;
}

std::optional<std::string> CheckOptionalAddress(std::string_view v) {
  if (v.empty() || core::IsValidMailAddress(v)) return std::nullopt;
  return "a plain mail address like security@example.org (or empty)";
}

std::optional<std::string> CheckArchiveUrl(std::string_view v) {
  if (v.empty()) return std::nullopt;
  if (CheckUrl(v) || v.find("{message_id}") == std::string_view::npos) {
    return "an http(s) URL pattern containing {message_id} (or empty)";
  }
  return std::nullopt;
}

Binding Text(std::string Config::*field, Check check = nullptr) {
  Binding b;
  b.kind = Binding::Kind::kText;
  b.set = [field, check](const std::vector<std::string>& items,
                         Config& c) -> std::optional<ValueError> {
    if (check) {
      if (auto expected = check(items.front())) return ValueError{*expected, items.front()};
    }
    c.*field = items.front();
    return std::nullopt;
  };
  b.render = [field](const Config& c) { return QuoteToml(c.*field); };
  b.is_set = [field](const Config& c) { return !(c.*field).empty(); };
  return b;
}

Binding Integer(int Config::*field, int min, int max, std::string expected) {
  Binding b;
  b.kind = Binding::Kind::kNumber;
  b.set = [field, min, max, expected](const std::vector<std::string>& items,
                                      Config& c) -> std::optional<ValueError> {
    std::string text = Trim(items.front());
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min ||
        value > max) {
      return ValueError{expected, items.front()};
    }
    c.*field = static_cast<int>(value);
    return std::nullopt;
  };
  b.render = [field](const Config& c) { return std::to_string(c.*field); };
  b.is_set = [](const Config&) { return true; };
  return b;
}

// A positive, finite number; "0.5" and "10" both work.
Binding Positive(double Config::*field) {
  Binding b;
  b.kind = Binding::Kind::kNumber;
  b.set = [field](const std::vector<std::string>& items, Config& c) -> std::optional<ValueError> {
    std::string text = Trim(items.front());
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value) || value <= 0) {
      return ValueError{"a number > 0 (fractions allowed)", items.front()};
    }
    c.*field = value;
    return std::nullopt;
  };
  b.render = [field](const Config& c) {
    char buf[64];
    auto result = std::to_chars(buf, buf + sizeof buf, c.*field);
    return std::string(buf, result.ptr);
  };
  b.is_set = [](const Config&) { return true; };
  return b;
}

Binding List(std::vector<std::string> Config::*field, Check item_check = nullptr) {
  Binding b;
  b.kind = Binding::Kind::kList;
  b.set = [field, item_check](const std::vector<std::string>& items,
                              Config& c) -> std::optional<ValueError> {
    if (item_check) {
      for (const std::string& item : items) {
        if (auto expected = item_check(item)) return ValueError{*expected, item};
      }
    }
    c.*field = items;
    return std::nullopt;
  };
  b.render = [field](const Config& c) {
    std::string out = "[";
    for (const std::string& item : c.*field) {
      if (out.size() > 1) out += ", ";
      out += QuoteToml(item);
    }
    return out + "]";
  };
  b.is_set = [field](const Config& c) { return !(c.*field).empty(); };
  return b;
}

constexpr Sensitivity kPlain = Sensitivity::kPlain;
constexpr Sensitivity kSecret = Sensitivity::kSecret;

}  // namespace

const std::vector<OptionSpec>& OptionTable() {
  // flag, environment, default, value name, help, sensitivity, binding
  static const std::vector<OptionSpec> table = {
      {"mode", "SRCBOT_MODE", "auto", "MODE",
       "Transport for `serve`: auto (socket with an app token, else http with a signing secret, "
       "else console), http, socket or console",
       kPlain, Text(&Config::mode, CheckMode)},
      {"listen", "SRCBOT_LISTEN", "127.0.0.1:3000", "HOST:PORT",
       "Address of the HTTP endpoint (http mode; also serves /healthz and /metrics)", kPlain,
       Text(&Config::listen, CheckHostPort)},
      {"http-request-timeout", "SRCBOT_HTTP_REQUEST_TIMEOUT", "10", "SECONDS",
       "HTTP mode: time a client has to send a whole request (headers and body) before it "
       "is disconnected",
       kPlain,
       Integer(&Config::http_request_timeout_seconds, 1, 300, "a whole number from 1 to 300")},
      {"db", "SRCBOT_DB", "./srcbot.db", "PATH", "SQLite database file", kPlain,
       Text(&Config::db, CheckNotEmpty)},
      {"slack-signing-secret", "SLACK_SIGNING_SECRET", "", "SECRET",
       "Slack signing secret; verifies inbound HTTP requests", kSecret,
       Text(&Config::slack_signing_secret)},
      {"slack-bot-token", "SLACK_BOT_TOKEN", "", "TOKEN", "Slack bot token (xoxb-...)", kSecret,
       Text(&Config::slack_bot_token)},
      {"slack-app-token", "SLACK_APP_TOKEN", "", "TOKEN",
       "Slack app-level token (xapp-...); enables Socket Mode", kSecret,
       Text(&Config::slack_app_token)},
      {"slack-api-url", "SLACK_API_URL", "https://slack.com/api/", "URL",
       "Base URL of the Slack Web API", kPlain, Text(&Config::slack_api_url, CheckUrl)},
      {"src-channel", "SRCBOT_SRC_CHANNEL", "", "CHANNEL",
       "Channel id of the SRC's private channel", kPlain, Text(&Config::src_channel)},
      {"general-channel", "SRCBOT_GENERAL_CHANNEL", "", "CHANNEL",
       "Channel id of the public general channel", kPlain, Text(&Config::general_channel)},
      {"development-channel", "SRCBOT_DEVELOPMENT_CHANNEL", "", "CHANNEL",
       "Channel id of the public development channel", kPlain, Text(&Config::development_channel)},
      {"admins", "SRCBOT_ADMINS", "", "IDS", "Slack user ids of the bot admins, comma-separated",
       kPlain, List(&Config::admins)},
      {"project", "SRCBOT_PROJECT", "sigstore", "NAME", "Project name used in messages", kPlain,
       Text(&Config::project, CheckNotEmpty)},
      {"github-token", "GITHUB_TOKEN", "", "TOKEN", "GitHub token for advisories and reports",
       kSecret, Text(&Config::github_token)},
      {"github-api-url", "GITHUB_API_URL", "https://api.github.com", "URL",
       "Base URL of the GitHub REST API", kPlain, Text(&Config::github_api_url, CheckUrl)},
      {"tick-seconds", "SRCBOT_TICK_SECONDS", "30", "SECONDS",
       "How often deadlines and reminders are checked", kPlain,
       Integer(&Config::tick_seconds, 1, INT_MAX, "a whole number > 0")},
      {"oncall-days", "SRCBOT_ONCALL_DAYS", "7", "DAYS",
       "Length of an on-call shift when `oncall set` has no --days", kPlain,
       Integer(&Config::oncall_days, 1, 90, "a whole number from 1 to 90")},
      {"release-hour-utc", "SRCBOT_RELEASE_HOUR_UTC", "16", "HOUR",
       "Hour of the day (UTC) at which releases are scheduled", kPlain,
       Integer(&Config::release_hour_utc, 0, 23, "a whole number from 0 to 23")},
      {"holidays", "SRCBOT_HOLIDAYS", "", "DATES",
       "Days skipped by deadlines, comma-separated YYYY-MM-DD", kPlain,
       List(&Config::holidays, CheckDate)},
      {"github-repos", "SRCBOT_GITHUB_REPOS", "", "REPOS",
       "Repositories polled for private reports, comma-separated owner/name", kPlain,
       List(&Config::github_repos, CheckRepo)},
      {"github-poll-minutes", "SRCBOT_GITHUB_POLL_MINUTES", "10", "MINUTES",
       "Minutes between GitHub polls (fractions accepted, e.g. 0.5)", kPlain,
       Positive(&Config::github_poll_minutes)},
      {"metrics-listen", "SRCBOT_METRICS_LISTEN", "", "HOST:PORT",
       "Address for /metrics in Socket Mode (HTTP mode serves it on --listen)", kPlain,
       Text(&Config::metrics_listen, CheckOptionalHostPort)},
      {"osv-dir", "SRCBOT_OSV_DIR", "", "DIR",
       "Directory `release` writes the OSV record to as <id>.json (off when empty)", kPlain,
       Text(&Config::osv_dir)},
      {"log-level", "SRCBOT_LOG_LEVEL", "info", "LEVEL", "trace, debug, info, warn or error",
       kPlain, Text(&Config::log_level, CheckLogLevel)},
      {"mail-imap-url", "SRCBOT_MAIL_IMAP_URL", "", "URL",
       "Mailbox folder watched for reports, imaps://host[:port]/FOLDER (mail is off without it)",
       kPlain, Text(&Config::mail_imap_url)},
      {"mail-user", "SRCBOT_MAIL_USER", "", "USER", "Login of the mailbox (IMAP and SMTP)", kPlain,
       Text(&Config::mail_user)},
      {"mail-password-file", "SRCBOT_MAIL_PASSWORD_FILE", "", "PATH",
       "File holding the mailbox password (one line, mode 0600)", kPlain,
       Text(&Config::mail_password_file)},
      {"mail-ca-file", "SRCBOT_MAIL_CA_FILE", "", "PATH",
       "PEM file of the CAs trusted for the IMAP and SMTP servers (default: the system's)", kPlain,
       Text(&Config::mail_ca_file)},
      {"mail-smtp-url", "SRCBOT_MAIL_SMTP_URL", "", "URL",
       "Submission server, smtps://host:465 or smtp://host:587 (STARTTLS)", kPlain,
       Text(&Config::mail_smtp_url)},
      {"mail-from", "SRCBOT_MAIL_FROM", "", "ADDRESS", "The SRC's address, the From of every mail",
       kPlain, Text(&Config::mail_from, CheckOptionalAddress)},
      {"mail-poll-seconds", "SRCBOT_MAIL_POLL_SECONDS", "30", "SECONDS",
       "Seconds between mailbox polls (fractions accepted, e.g. 0.5)", kPlain,
       Positive(&Config::mail_poll_seconds)},
      {"mail-alert-minutes", "SRCBOT_MAIL_ALERT_MINUTES", "15", "MINUTES",
       "Minutes of failed mailbox polls before the SRC channel is told (then daily)", kPlain,
       Positive(&Config::mail_alert_minutes)},
      {"mail-done-folder", "SRCBOT_MAIL_DONE_FOLDER", "srcbot/processed", "FOLDER",
       "Folder a message is moved to once its case change is committed", kPlain,
       Text(&Config::mail_done_folder, CheckNotEmpty)},
      {"mail-max-bytes", "SRCBOT_MAIL_MAX_BYTES", "26214400", "BYTES",
       "Content kept per received message (body, then attachments); the rest is noted, not kept",
       kPlain, Integer(&Config::mail_max_bytes, 1, INT_MAX, "a whole number > 0")},
      {"pgp-home", "SRCBOT_PGP_HOME", "", "DIR",
       "GnuPG home holding the SRC's one secret key: decrypt reports, sign and encrypt mail",
       kPlain, Text(&Config::pgp_home)},
      {"announce-list", "SRCBOT_ANNOUNCE_LIST", "", "ADDRESS",
       "List that `release` mails the announcement to", kPlain,
       Text(&Config::announce_list, CheckOptionalAddress)},
      {"retro-list", "SRCBOT_RETRO_LIST", "", "ADDRESS",
       "List that `retro --send` mails the retrospective to", kPlain,
       Text(&Config::retro_list, CheckOptionalAddress)},
      {"announce-archive-url", "SRCBOT_ANNOUNCE_ARCHIVE_URL", "", "URL",
       "Archive link of the mailed announcement, a pattern with {message_id}", kPlain,
       Text(&Config::announce_archive_url, CheckArchiveUrl)},
  };
  return table;
}

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  while (true) {
    size_t comma = text.find(',');
    std::string item = Trim(text.substr(0, comma));
    if (!item.empty()) items.push_back(std::move(item));
    if (comma == std::string_view::npos) return items;
    text.remove_prefix(comma + 1);
  }
}

std::string QuoteToml(std::string_view text) {
  constexpr std::string_view kSpecial = "\"\\\n\t\r";
  constexpr std::string_view kEscaped = "\"\\ntr";
  std::string out = "\"";
  for (char c : text) {
    if (size_t i = kSpecial.find(c); i != std::string_view::npos) {
      out += '\\';
      out += kEscaped[i];
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace srcbot::config
