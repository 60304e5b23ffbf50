#include "config/config_file.h"

#include <catch2/catch.hpp>

#include <fstream>

#include "tests/fakes/temp_dir.h"

namespace srcbot::config {
namespace {

const std::string& Text(const FileEntry* entry) { return std::get<std::string>(entry->value); }
const std::vector<std::string>& Items(const FileEntry* entry) {
  return std::get<std::vector<std::string>>(entry->value);
}

// The error message of parsing `text`, which must fail.
std::string ErrorOf(std::string_view text) {
  core::Result<ConfigFile> parsed = ParseConfigText(text, "srcbot.toml");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == core::Code::kInvalidArgument);
  return parsed.status().message();
}

}  // namespace

TEST_CASE("config: file parses strings, numbers, arrays and comments") {
  core::Result<ConfigFile> parsed = ParseConfigText(
      "# srcbot settings\n"
      "\n"
      "db = \"/var/lib/srcbot.db\"   # trailing comment\n"
      "project = 'literal \\n kept'\n"
      "tick_seconds = 30\r\n"
      "github_poll_minutes = 0.5\n"
      "  log_level=\"debug\"\n"
      "admins = [\"U1\", 'U2']\n"
      "holidays = [\n"
      "  \"2026-12-25\",  # Christmas\n"
      "  \"2026-12-26\",\n"
      "]\n"
      "github_repos = []\n"
      "src_channel = \"quote \\\" backslash \\\\ tab \\t \\u00e9\"\n",
      "srcbot.toml");
  REQUIRE(parsed.ok());
  const ConfigFile& file = parsed.value();
  CHECK(file.name == "srcbot.toml");
  REQUIRE(file.entries.size() == 9);
  CHECK(Text(file.Find("db")) == "/var/lib/srcbot.db");
  CHECK(file.Find("db")->line == 3);
  CHECK(Text(file.Find("project")) == "literal \\n kept");
  CHECK(Text(file.Find("tick_seconds")) == "30");
  CHECK(Text(file.Find("github_poll_minutes")) == "0.5");
  CHECK(Text(file.Find("log_level")) == "debug");
  CHECK(Items(file.Find("admins")) == std::vector<std::string>{"U1", "U2"});
  CHECK(Items(file.Find("holidays")) == std::vector<std::string>{"2026-12-25", "2026-12-26"});
  CHECK(file.Find("holidays")->line == 9);
  CHECK(Items(file.Find("github_repos")).empty());
  CHECK(Text(file.Find("src_channel")) == "quote \" backslash \\ tab \t \xC3\xA9");
  CHECK(file.Find("missing") == nullptr);
}

TEST_CASE("config: file keys are normalised to underscores") {
  core::Result<ConfigFile> parsed =
      ParseConfigText("slack-bot-token = \"a\"\ngithub_api_url = \"b\"\n", "f");
  REQUIRE(parsed.ok());
  CHECK(parsed.value().entries[0].key == "slack_bot_token");
  CHECK(Text(parsed.value().Find("slack_bot_token")) == "a");
  CHECK(Text(parsed.value().Find("slack-bot-token")) == "a");
  CHECK(Text(parsed.value().Find("github-api-url")) == "b");
}

TEST_CASE("config: empty and comment-only files have no entries") {
  for (std::string_view text : {"", "\n\n", "# nothing\n   # here\n", "\r\n"}) {
    core::Result<ConfigFile> parsed = ParseConfigText(text, "f");
    REQUIRE(parsed.ok());
    CHECK(parsed.value().entries.empty());
  }
}

TEST_CASE("config: file duplicate keys are refused with both lines") {
  CHECK(ErrorOf("db = \"a\"\n\ndb = \"b\"\n") ==
        "srcbot.toml:3: duplicate key \"db\" (first set on line 1)");
  CHECK(ErrorOf("slack_bot_token = \"a\"\nslack-bot-token = \"b\"\n") ==
        "srcbot.toml:2: duplicate key \"slack_bot_token\" (first set on line 1)");
}

TEST_CASE("config: file syntax errors name the line") {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"db \"x\"\n", "srcbot.toml:1: expected '=' after the key"},
      {"\n\ndb = \"x\n", "srcbot.toml:3: unterminated string"},
      {"db = 'x\n", "srcbot.toml:1: unterminated string"},
      {"a = 1\nadmins = [\"U1\",\n \"U2\"\n", "srcbot.toml:2: unterminated array (missing ']')"},
      {"admins = [\"U1\" \"U2\"]\n", "srcbot.toml:1: expected ',' or ']' in array"},
      {"admins = [[\"U1\"]]\n", "srcbot.toml:1: nested arrays are not supported"},
      {"# c\n[slack]\n", "srcbot.toml:2: tables ([section]) are not supported; write key = value"},
      {"slack.token = \"x\"\n", "srcbot.toml:1: dotted keys are not supported"},
      {"\"db\" = \"x\"\n", "srcbot.toml:1: quoted keys are not supported"},
      {"db = \"x\" \"y\"\n",
       "srcbot.toml:1: unexpected text after the value (one key = value per line)"},
      {"db = /var/lib/x\n", "srcbot.toml:1: expected a quoted string, a number or an array"},
      {"db =\n", "srcbot.toml:1: missing value"},
      {"db = \"\\q\"\n", "srcbot.toml:1: unsupported escape in string"},
      {"db = \"\\u12\"\n", "srcbot.toml:1: bad \\u escape in string"},
      {"= 3\n", "srcbot.toml:1: expected a key"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(ErrorOf(c.text) == c.message);
  }
}

TEST_CASE("config: file errors never quote the value") {
  const std::string secret = "xoxb-s3cr3t";
  for (std::string text :
       {"slack_bot_token = \"" + secret + "\n", "slack_bot_token = " + secret + "\n",
        "slack_bot_token = \"" + secret + "\" trailing\n",
        "slack_bot_token = [\"" + secret + "\"\n", secret + "\n"}) {
    INFO(text);
    CHECK(ErrorOf(text).find("s3cr3t") == std::string::npos);
  }
}

TEST_CASE("config: reading a file from disk") {
  srcbot::testing::TempDir dir;
  const std::string path = dir.File("srcbot.toml");

  SECTION("a readable file is parsed and errors name it") {
    std::ofstream(path) << "db = \"x.db\"\nbogus\n";
    core::Result<ConfigFile> read = ReadConfigFile(path);
    REQUIRE_FALSE(read.ok());
    CHECK(read.status().message() == path + ":2: expected '=' after the key");
    std::ofstream(path) << "db = \"x.db\"\n";
    read = ReadConfigFile(path);
    REQUIRE(read.ok());
    CHECK(Text(read.value().Find("db")) == "x.db");
  }
  SECTION("a missing file is named") {
    core::Result<ConfigFile> read = ReadConfigFile(path);
    REQUIRE_FALSE(read.ok());
    CHECK(read.status().code() == core::Code::kNotFound);
    CHECK(read.status().message() == "config file " + path + ": no such file");
  }
  SECTION("a directory is refused") {
    core::Result<ConfigFile> read = ReadConfigFile(dir.path().string());
    REQUIRE_FALSE(read.ok());
    CHECK(read.status().message() == "config file " + dir.path().string() + ": not a regular file");
  }
}

}  // namespace srcbot::config
