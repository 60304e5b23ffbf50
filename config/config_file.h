#pragma once
// ConfigFile: the key/value pairs of an srcbot config file (`--config srcbot.toml`).
//
// The format is a small subset of TOML, enough for flat settings:
//
//   # a comment
//   db = "/var/lib/srcbot/srcbot.db"     # basic string; escapes \" \\ \n \t \r
//   project = 'sigstore'                  # literal string, no escapes
//   tick_seconds = 30                     # bare numbers (and true/false) are kept as text
//   github_poll_minutes = 0.5
//   admins = ["U012", "U345"]             # array of scalars; may span lines, trailing comma ok
//
// Tables (`[section]`), dotted or quoted keys and multi-line strings are refused.
// Keys may use dashes or underscores; they are stored normalised to underscores, so
// `slack-bot-token` and `slack_bot_token` are the same key (and writing both is a
// duplicate). This parser knows nothing about which keys exist: the caller checks.
//
// Error messages name the file and line ("srcbot.toml:3: unterminated string") and
// never quote a value, because values may be secrets. Pure value types; no state.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace srcbot::config {

struct FileEntry {
  std::string key;  // normalised: dashes replaced by underscores
  int line = 0;     // 1-based line of the key
  // A scalar (string contents, or the bare token of a number/boolean) or an array.
  std::variant<std::string, std::vector<std::string>> value;
};

struct ConfigFile {
  std::string name;                // the path as given, used in messages
  std::vector<FileEntry> entries;  // in file order, keys unique

  // The entry for `key` (either spelling), or nullptr.
  const FileEntry* Find(std::string_view key) const;
};

// "slack-bot-token" -> "slack_bot_token".
std::string NormalizeKey(std::string_view key);

// Parses `text`; `name` is only used in error messages. On failure returns
// kInvalidArgument with "<name>:<line>: <what is wrong>".
core::Result<ConfigFile> ParseConfigText(std::string_view text, std::string_view name);

// Reads and parses the file at `path`. A missing, unreadable or non-regular file
// gives kNotFound/kUnavailable with a message naming the path.
core::Result<ConfigFile> ReadConfigFile(const std::string& path);

}  // namespace srcbot::config
