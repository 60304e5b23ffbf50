// Issue 18's "done when", through the real binary: srcbot serve (http mode)
// with a real Dovecot (the SRC's mailbox) and aiosmtpd (the submission
// server) on 127.0.0.1 and the FakeSlack. A mail dropped into the INBOX
// becomes a case in #src; `ack` reaches the reporter threaded; after
// `release` the announce list has the announcement and both public
// channels' release posts carry its archive link.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "core/mail_compose.h"
#include "integrations/mail/mime_parser.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/integrations/mail/mail_samples.h"
#include "tests/scenario/mail_options.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot;
using namespace srcbot::testing;

namespace {

constexpr const char* kArchive = "https://groups.google.com/d/msgid/dev-announce/{message_id}";

// Waits until `count` mails reached the SMTP server.
std::vector<LoopbackSmtpServer::Received> WaitForMail(const LoopbackSmtpServer& smtp,
                                                      std::size_t count) {
  for (int i = 0; i < 200 && smtp.Messages().size() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return smtp.Messages();
}

bool WaitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

TEST_CASE("scenario: a mailed report becomes a case; ack and the announcement go out by mail",
          "[scenario][mail]") {
  DovecotServer dovecot;
  core::Status up = dovecot.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  LoopbackSmtpServer smtp;
  up = smtp.Start();
  INFO(up.message());
  REQUIRE(up.ok());
  MailOptions mail(dovecot, &smtp);
  mail.args.insert(mail.args.end(), {"--announce-list", "dev-announce@lists.example",
                                     "--announce-archive-url", kArchive});

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());

  dovecot.Deliver(PlainReport("report-1@reporter.example", "Heap overflow in the parser"));
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-1 by email from Rita Reporter"));
  CHECK(WaitFor([&] { return dovecot.CountMessages("srcbot/processed") == 1; }));
  CHECK(dovecot.CountMessages() == 0);

  s.Command("ack SRC-1");
  auto mails = WaitForMail(smtp, 1);
  REQUIRE(mails.size() == 1);
  auto ack = mail::ParseMail(mails[0].raw);
  REQUIRE(ack.ok());
  CHECK(ack.value().in_reply_to == "report-1@reporter.example");
  CHECK_THAT(ack.value().subject, Catch::StartsWith("Re: [SRC-1] Heap overflow in the parser"));
  CHECK_THAT(mails[0].envelope_json, Catch::Contains("rita@reporter.example"));

  s.Command("triage SRC-1 --replicated yes --repo acme/widget");
  s.Command("team SRC-1 add <@U0DANA|dana>");
  REQUIRE(s.WaitForPost(kSrcChannel, "joins SRC-1's fix team"));
  s.Command("fixed SRC-1");
  s.Command("cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H");
  s.Command("cve SRC-1 set CVE-2026-4242");
  s.Command("summary SRC-1 \"A crafted file could crash the parser.\"");
  s.Command("release-day SRC-1 next");
  s.Command("release SRC-1 --version 1.4.2 --release-url <https://example.com/widget/1.4.2>");

  mails = WaitForMail(smtp, 2);
  REQUIRE(mails.size() == 2);
  CHECK_THAT(mails[1].envelope_json, Catch::Contains("dev-announce@lists.example"));
  auto announcement = mail::ParseMail(mails[1].raw);
  REQUIRE(announcement.ok());
  CHECK(announcement.value().subject == "Security release of acme/widget 1.4.2 is now available");
  CHECK_THAT(announcement.value().text_body, Catch::Contains("CVE-2026-4242") &&
                                                 !Catch::Contains("Rita") &&
                                                 !Catch::Contains("Heap overflow"));
  const std::string link = core::ArchiveLink(kArchive, announcement.value().message_id);
  REQUIRE_FALSE(link.empty());
  for (const char* channel : {kGeneral, kDevelopment}) {
    INFO(channel);
    CHECK(s.WaitForPost(channel, link));
  }
  CHECK(s.BotOutput().find(DovecotServer::kPassword) == std::string::npos);
}
