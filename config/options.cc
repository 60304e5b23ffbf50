#include "config/options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <variant>

#include "config/config_file.h"
#include "config/option_table.h"
#include "config/version.h"

namespace srcbot::config {
namespace {

using Subcommand = Invocation::Subcommand;

constexpr char kSubcommandList[] = "serve, console, migrate, backup, export, manifest, cvss";

// The options every app and subcommand carries, so that `srcbot serve --db x`
// works and `srcbot serve --help` lists everything. CLI11's fallthrough would
// also accept the former but hides the global options from subcommand help.
struct AppOptions {
  std::vector<CLI::Option*> table;  // parallel to OptionTable()
  CLI::Option* config = nullptr;
  CLI::Option* print_config = nullptr;
};

std::string Describe(const OptionSpec& spec) {
  std::string text = std::string(spec.help) + " [env " + std::string(spec.env);
  if (!spec.default_value.empty()) text += ", default " + std::string(spec.default_value);
  return text + "]";
}

AppOptions AddGlobalOptions(CLI::App& app) {
  AppOptions options;
  // CLI11 2.1 only takes descriptions as const lvalues, hence the named constants.
  for (const OptionSpec& spec : OptionTable()) {
    const std::string description = Describe(spec);
    // TakeAll keeps every occurrence; the resolver decides (last wins, lists add up).
    options.table.push_back(app.add_option("--" + std::string(spec.flag), description)
                                ->type_name(std::string(spec.value_name))
                                ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll));
  }
  const std::string config_help = "Read settings from this TOML file [env SRCBOT_CONFIG]";
  const std::string print_help = "Print the effective configuration and exit";
  options.config = app.add_option("--config", config_help)
                       ->type_name("FILE")
                       ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  options.print_config = app.add_flag("--print-config", print_help)->disable_flag_override();
  return options;
}

// Every value given on the command line for table row `row`, in order.
std::vector<std::string> FlagValues(const std::vector<AppOptions>& apps, size_t row) {
  std::vector<std::string> values;
  for (const AppOptions& options : apps) {
    for (const std::string& v : options.table[row]->results()) values.push_back(v);
  }
  return values;
}

std::optional<std::string> Lookup(const Environment& env, std::string_view name) {
  if (!env) return std::nullopt;
  std::optional<std::string> value = env(std::string(name));
  // Empty counts as unset: `FOO=` in a compose or systemd file usually means "not given".
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::vector<std::string> ItemsFromText(const OptionSpec& spec, std::string_view text) {
  if (spec.binding.kind == Binding::Kind::kList) return SplitList(text);
  return {std::string(text)};
}

// Resolves every option: flag > environment > file > default. `flags` holds the
// command-line values per table row (may be empty); `file` may be null. Errors
// are one line without the "srcbot: " prefix and never quote a secret.
core::Result<Config> Resolve(const std::vector<std::vector<std::string>>& flags,
                             const Environment& env, const ConfigFile* file) {
  const std::vector<OptionSpec>& table = OptionTable();
  if (file != nullptr) {
    for (const FileEntry& entry : file->entries) {
      bool known = std::any_of(table.begin(), table.end(), [&](const OptionSpec& spec) {
        return NormalizeKey(spec.flag) == entry.key;
      });
      if (!known) {
        return core::Status::Invalid(file->name + ":" + std::to_string(entry.line) +
                                     ": unknown key \"" + entry.key + "\"");
      }
    }
  }
  Config config;
  for (size_t row = 0; row < table.size(); ++row) {
    const OptionSpec& spec = table[row];
    const bool list = spec.binding.kind == Binding::Kind::kList;
    std::string origin;
    std::vector<std::string> items;
    const FileEntry* entry = file != nullptr ? file->Find(spec.flag) : nullptr;
    if (row < flags.size() && !flags[row].empty()) {
      origin = "--" + std::string(spec.flag);
      if (!list) items = {flags[row].back()};
      for (size_t i = 0; list && i < flags[row].size(); ++i) {
        for (std::string& item : SplitList(flags[row][i])) items.push_back(std::move(item));
      }
    } else if (std::optional<std::string> value = Lookup(env, spec.env)) {
      origin = std::string(spec.env);
      items = ItemsFromText(spec, *value);
    } else if (entry != nullptr) {
      origin = file->name + ":" + std::to_string(entry->line) + ": " + entry->key;
      if (const auto* text = std::get_if<std::string>(&entry->value)) {
        items = ItemsFromText(spec, *text);
      } else if (!list) {
        return core::Status::Invalid(origin + ": expected a single value, not an array");
      } else {
        for (const std::string& raw : std::get<std::vector<std::string>>(entry->value)) {
          if (std::string item = Trim(raw); !item.empty()) items.push_back(std::move(item));
        }
      }
    } else {
      origin = "default of --" + std::string(spec.flag);
      items = ItemsFromText(spec, spec.default_value);
    }
    if (std::optional<ValueError> error = spec.binding.set(items, config)) {
      std::string line = origin + ": expected " + error->expected;
      if (spec.sensitivity == Sensitivity::kPlain) line += ", got " + QuoteToml(error->offending);
      return core::Status::Invalid(line);
    }
  }
  return config;
}

ParseOutcome UsageError(std::string message) {
  std::replace(message.begin(), message.end(), '\n', ' ');
  return ParseOutcome{2, "srcbot: " + message, true, std::nullopt};
}

// CLI11's messages, reworded where they would leave the user guessing.
std::string ExplainParseError(const CLI::ParseError& error, const CLI::App& app) {
  std::string what = error.what();
  size_t colon = what.find(": ");
  std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    if (app.get_subcommands().empty()) {
      return "unknown subcommand or argument: " + detail + " (choose one of " + kSubcommandList +
             ")";
    }
    return "unexpected argument: " + detail;
  }
  if (what.find("disallowed flag override") != std::string::npos) {
    return "--" + what.substr(0, what.find(' ')) + ": takes no value";
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr && colon != std::string::npos &&
      what.rfind("--", 0) == 0) {
    return what.substr(0, colon) + ": missing value";
  }
  return what;
}

// CLI11 reads "--db=" as "--db" followed by the next argument; make it an empty value.
std::vector<std::string> ReversedArgs(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    if (arg.size() > 3 && arg.rfind("--", 0) == 0 && arg.back() == '=' &&
        arg.find('=') == arg.size() - 1) {
      out.push_back(arg.substr(0, arg.size() - 1));
      out.push_back("");
    } else {
      out.push_back(arg);
    }
  }
  std::reverse(out.begin(), out.end());  // CLI11 consumes the vector from the back
  return out;
}

std::string LastValue(const std::vector<AppOptions>& apps, CLI::Option* AppOptions::*option) {
  std::string value;
  for (const AppOptions& options : apps) {
    for (const std::string& v : (options.*option)->results()) value = v;
  }
  return value;
}

ParseOutcome Parse(const std::vector<std::string>& args, const Environment& env) {
  // The description names the build, so a pasted --help says what it came from.
  const std::string description =
      VersionLine() + ": a Slack bot for a security response committee.";
  CLI::App app(description, "srcbot");
  app.set_help_flag("-h,--help", "Print this help and exit");
  const std::string version_help = "Print the version and git commit and exit";
  std::vector<CLI::Option*> version_flags = {app.add_flag("--version", version_help)};
  app.get_formatter()->column_width(36);
  app.require_subcommand(0, 1);
  app.footer(
      "Every option can also be set by its environment variable or as a key of the --config "
      "file (flag > environment > file > default). See docs/configuration.md.");

  std::vector<AppOptions> apps{AddGlobalOptions(app)};
  struct Entry {
    CLI::App* app;
    Subcommand sub;
  };
  std::vector<Entry> subs = {
      {app.add_subcommand("serve", "Run the bot (transport chosen by --mode)"), Subcommand::kServe},
      {app.add_subcommand("console", "Run a simulated Slack workspace on the terminal"),
       Subcommand::kConsole},
      {app.add_subcommand("migrate", "Bring the database schema up to date and exit"),
       Subcommand::kMigrate},
      {app.add_subcommand("backup", "Write a consistent copy of the database to PATH"),
       Subcommand::kBackup},
      {app.add_subcommand("export", "Print a case as Markdown, JSON, an OSV record or a CSAF advisory"),
       Subcommand::kExport},
      {app.add_subcommand("manifest", "Print the Slack app manifest (JSON) for --mode socket or http"),
       Subcommand::kManifest},
      {app.add_subcommand("cvss", "Score CVSS v3.0/v3.1/v4.0 vectors: one JSON object per vector"),
       Subcommand::kCvss},
  };
  std::string backup_path, export_case, export_format = "markdown";
  // Positionals are optional to CLI11 so that a missing one gets our own message below.
  subs[3].app->add_option("path", backup_path, "Destination file of the backup")->type_name("PATH");
  subs[4]
      .app->add_option("case", export_case, "The case to export, e.g. SRC-12")
      ->type_name("CASE");
  subs[4]
      .app->add_option("--format", export_format, "markdown, json, osv or csaf [default markdown]")
      ->type_name("FORMAT");
  std::string manifest_url;
  subs[5]
      .app->add_option("--url", manifest_url,
                       "Public https base URL of srcbot, for http mode (e.g. https://srcbot.example.org)")
      ->type_name("URL");
  std::vector<std::string> cvss_vectors;
  subs[6]
      .app->add_option("vector", cvss_vectors,
                       "CVSS vectors, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
      ->type_name("VECTOR");
  for (Entry& entry : subs) {
    apps.push_back(AddGlobalOptions(*entry.app));
    version_flags.push_back(entry.app->add_flag("--version", version_help));
  }

  try {
    std::vector<std::string> reversed = ReversedArgs(args);
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return ParseOutcome{0, app.help(), false, std::nullopt};  // help of the chosen subcommand
  } catch (const CLI::ParseError& error) {
    return UsageError(ExplainParseError(error, app));
  }

  // Like --help: nothing else on the line is looked at.
  if (std::any_of(version_flags.begin(), version_flags.end(),
                  [](const CLI::Option* flag) { return flag->count() > 0; })) {
    return ParseOutcome{0, VersionLine() + "\n", false, std::nullopt};
  }

  bool print_config = std::any_of(apps.begin(), apps.end(), [](const AppOptions& options) {
    return options.print_config->count() > 0;
  });
  auto chosen =
      std::find_if(subs.begin(), subs.end(), [](const Entry& e) { return e.app->parsed(); });
  Invocation invocation;
  // --print-config runs no subcommand, so it needs neither one nor its arguments.
  if (!print_config) {
    if (chosen == subs.end()) {
      return UsageError(std::string("choose a subcommand: ") + kSubcommandList +
                        " (see srcbot --help)");
    }
    invocation.sub = chosen->sub;
    if (chosen->sub == Subcommand::kBackup && backup_path.empty()) {
      return UsageError("backup: missing PATH (usage: srcbot backup PATH)");
    }
    if (chosen->sub == Subcommand::kExport && export_case.empty()) {
      return UsageError("export: missing CASE (usage: srcbot export CASE)");
    }
    if (export_format != "markdown" && export_format != "json" && export_format != "osv" &&
        export_format != "csaf") {
      return UsageError("--format: expected markdown, json, osv or csaf, got " + QuoteToml(export_format));
    }
    if (!manifest_url.empty() && manifest_url.rfind("https://", 0) != 0 &&
        manifest_url.rfind("http://", 0) != 0) {
      return UsageError("--url: expected an https:// URL, got " + QuoteToml(manifest_url));
    }
    if (chosen->sub == Subcommand::kCvss && cvss_vectors.empty()) {
      return UsageError("cvss: missing VECTOR (usage: srcbot cvss VECTOR...)");
    }
    invocation.cvss_vectors = cvss_vectors;
    invocation.manifest_url = manifest_url;
    invocation.backup_path = backup_path;
    invocation.export_case = export_case;
    invocation.export_format = chosen->sub == Subcommand::kExport ? export_format : "";
  }

  std::string config_path = LastValue(apps, &AppOptions::config);
  if (config_path.empty()) config_path = Lookup(env, "SRCBOT_CONFIG").value_or("");
  std::optional<ConfigFile> file;
  if (!config_path.empty()) {
    core::Result<ConfigFile> read = ReadConfigFile(config_path);
    if (!read.ok()) return UsageError(read.status().message());
    file = std::move(read).value();
  }
  std::vector<std::vector<std::string>> flags;
  for (size_t row = 0; row < OptionTable().size(); ++row) flags.push_back(FlagValues(apps, row));
  core::Result<Config> config = Resolve(flags, env, file ? &*file : nullptr);
  if (!config.ok()) return UsageError(config.status().message());
  if (print_config) return ParseOutcome{0, RenderConfig(config.value()), false, std::nullopt};
  invocation.config = std::move(config).value();
  return ParseOutcome{0, "", false, std::move(invocation)};
}

}  // namespace

Environment ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Config DefaultConfig() {
  core::Result<Config> config = Resolve({}, nullptr, nullptr);
  // The defaults are constants checked by the tests; an error here is a bug in the table.
  return config.ok() ? std::move(config).value() : Config{};
}

std::string EffectiveMode(const Config& config) {
  if (config.mode != "auto") return config.mode;
  if (!config.slack_app_token.empty()) return "socket";
  if (!config.slack_signing_secret.empty()) return "http";
  return "console";
}

std::string RenderConfig(const Config& config) {
  std::string out;
  for (const OptionSpec& spec : OptionTable()) {
    std::string value = spec.sensitivity == Sensitivity::kPlain ? spec.binding.render(config)
                        : spec.binding.is_set(config)           ? "\"***\""
                                                                : "\"\"";
    out += NormalizeKey(spec.flag) + " = " + value + "\n";
  }
  return out;
}

ParseOutcome ParseCommandLine(const std::vector<std::string>& args, const Environment& env) {
  // CLI11 reports through exceptions and std::function may throw bad_alloc; none
  // of it may leave this module.
  try {
    return Parse(args, env);
  } catch (const std::exception& error) {
    return UsageError(std::string("internal error: ") + error.what());
  } catch (...) {
    return UsageError("internal error");
  }
}

}  // namespace srcbot::config
