// The configuration file: the input is the text of an srcbot.toml.
// ParseConfigText must keep its contract (keys unique and normalised); then
// the same text as the --config of `srcbot serve`, through ParseCommandLine
// and the option table's checks, with an empty environment. A config that
// resolves must survive RenderConfig and a second parse unchanged apart from
// its secrets (config/options.h).

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "config/config_file.h"
#include "config/options.h"

using namespace srcbot::config;

namespace {

const std::string& ConfigPath() {
  static const std::string path =
      "/tmp/srcbot_config_fuzz_" + std::to_string(::getpid()) + ".toml";
  return path;
}

std::optional<Config> Resolve(std::string_view text) {
  std::ofstream(ConfigPath(), std::ios::binary | std::ios::trunc) << text;
  auto env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  ParseOutcome outcome = ParseCommandLine({"serve", "--config", ConfigPath()}, env);
  if (!outcome.invocation) return std::nullopt;
  return outcome.invocation->config;
}

void ForgetSecrets(Config& c) {
  c.slack_signing_secret.clear();
  c.slack_bot_token.clear();
  c.slack_app_token.clear();
  c.github_token.clear();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto file = ParseConfigText(text, "fuzz.toml");
  if (!file.ok()) return 0;
  std::set<std::string> keys;
  for (const FileEntry& entry : file.value().entries) {
    if (entry.key != NormalizeKey(entry.key) || !keys.insert(entry.key).second) std::abort();
    if (file.value().Find(entry.key) != &entry) std::abort();
  }

  std::optional<Config> config = Resolve(text);
  if (!config) return 0;
  std::optional<Config> again = Resolve(RenderConfig(*config));
  if (!again) std::abort();
  ForgetSecrets(*config);
  ForgetSecrets(*again);
  if (!(*config == *again)) std::abort();
  return 0;
}
