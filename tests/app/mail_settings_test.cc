// The mail options checked together at start-up (app/mail_settings.h): each
// refusal names the option, never the password.
#include "app/mail_settings.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/config/options_fixture.h"
#include "tests/fakes/temp_dir.h"

using namespace srcbot;

namespace {

std::string Refusal(const config::Config& cfg) {
  auto checked = app::CheckMailSettings(cfg);
  REQUIRE_FALSE(checked.ok());
  return checked.status().message();
}

}  // namespace

TEST_CASE("mail settings: off without servers, on with a full set", "[mail][config]") {
  testing::TempDir dir;
  std::ofstream(dir.File("pw")) << "s3cret-app-password\n";
  config::Config cfg = config::DefaultConfig();
  auto off = app::CheckMailSettings(cfg);
  REQUIRE(off.ok());
  CHECK_FALSE(off.value());

  cfg.mail_imap_url = "imaps://imap.example.org:993/Security";
  cfg.mail_smtp_url = "smtps://smtp.example.org:465";
  cfg.mail_user = "bot@example.org";
  cfg.mail_password_file = dir.File("pw");
  cfg.mail_from = "security@example.org";
  auto on = app::CheckMailSettings(cfg);
  INFO(on.status().message());
  REQUIRE(on.ok());
  REQUIRE(on.value());
  CHECK(on.value()->folder == "Security");
  CHECK(on.value()->password == "s3cret-app-password");

  SECTION("smtp without --mail-from") {
    cfg.mail_from.clear();
    CHECK_THAT(Refusal(cfg), Catch::Contains("--mail-smtp-url needs --mail-from"));
  }
  SECTION("an unreadable password file") {
    cfg.mail_password_file = dir.File("missing");
    CHECK_THAT(Refusal(cfg), Catch::Contains("--mail-password-file: cannot read"));
  }
  SECTION("imap without a user") {
    cfg.mail_user.clear();
    CHECK_THAT(Refusal(cfg), Catch::Contains("--mail-imap-url needs --mail-user"));
  }
  SECTION("plain imap off loopback") {
    cfg.mail_imap_url = "imap://imap.example.org/INBOX";
    std::string why = Refusal(cfg);
    CHECK_THAT(why, Catch::StartsWith("--mail-imap-url: "));
    CHECK(why.find("s3cret") == std::string::npos);
  }
  SECTION("a CA file: kept when it holds a certificate, refused otherwise") {
    std::ofstream(dir.File("ca.pem")) << "-----BEGIN CERTIFICATE-----\nMIIB\n"
                                         "-----END CERTIFICATE-----\n";
    std::ofstream(dir.File("key.pem")) << "-----BEGIN PRIVATE KEY-----\nMIIB\n";
    cfg.mail_ca_file = dir.File("ca.pem");
    auto with_ca = app::CheckMailSettings(cfg);
    REQUIRE(with_ca.ok());
    CHECK(with_ca.value()->ca_file == dir.File("ca.pem"));
    cfg.mail_ca_file = dir.File("missing.pem");
    CHECK_THAT(Refusal(cfg), Catch::Contains("--mail-ca-file: cannot read"));
    cfg.mail_ca_file = dir.File("key.pem");
    CHECK_THAT(Refusal(cfg), Catch::Contains("holds no PEM certificate"));
    config::Config no_mail = config::DefaultConfig();
    no_mail.mail_ca_file = dir.File("ca.pem");
    CHECK_THAT(Refusal(no_mail), Catch::Contains("--mail-ca-file needs --mail-imap-url"));
  }
  SECTION("an archive link without a list") {
    cfg.announce_archive_url = "https://groups.google.com/d/msgid/g/{message_id}";
    CHECK_THAT(Refusal(cfg), Catch::Contains("--announce-archive-url needs --announce-list"));
  }
}

TEST_CASE("mail options: flags, environment and checks", "[mail][config]") {
  using srcbot::config::options_fixture::MustFail;
  using srcbot::config::options_fixture::MustParse;
  config::Config c =
      MustParse({"serve", "--mail-poll-seconds", "0.5", "--mail-from", "sec@example.org"},
                {{"SRCBOT_ANNOUNCE_LIST", "announce@example.org"}});
  CHECK(c.mail_poll_seconds == 0.5);
  CHECK(c.mail_from == "sec@example.org");
  CHECK(c.announce_list == "announce@example.org");
  CHECK(c.mail_done_folder == "srcbot/processed");
  CHECK(c.mail_max_bytes == 25 * 1024 * 1024);
  CHECK_THAT(MustFail({"serve", "--mail-from", "not an address"}), Catch::Contains("--mail-from"));
  CHECK_THAT(MustFail({"serve", "--announce-archive-url", "https://example.org/no-placeholder"}),
             Catch::Contains("{message_id}"));
  CHECK_THAT(MustFail({"serve", "--mail-poll-seconds", "0"}),
             Catch::Contains("--mail-poll-seconds"));
}
