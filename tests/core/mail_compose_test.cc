// The mails srcbot writes for a case (core/mail_compose.h), as the reporter
// and the list read them.
#include "core/mail_compose.h"

#include <catch2/catch.hpp>

#include "core/mail_headers.h"

using namespace srcbot::core;

namespace {

const TimePoint kNow{std::chrono::seconds(1'796'119'200)};
const MailAddress kSrc{"security@src.example", "Security Response Committee"};

Case Reported() {
  Case c;
  c.id = 7;
  c.title = "Heap overflow in the parser";
  c.repo = "acme/widget";
  c.embargoed = true;
  return c;
}

ReporterThread Thread() {
  ReporterThread t;
  t.reporter = "rita@finder.example";
  t.latest.message_id = "m2@finder.example";
  t.latest.references = {"m1@finder.example"};
  t.latest.from = {"rita@finder.example", "Rita Reporter"};
  t.latest.subject = "Heap overflow in the parser";
  return t;
}

Case Released() {
  Case c = Reported();
  c.embargoed = false;
  c.released_at = kNow;
  c.affected = "< 2.2.1";
  c.fixed_version = "2.2.1";
  c.cve = "CVE-2026-1234";
  c.cvss_score = 8.1;
  c.cvss_vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H";
  c.public_summary = "A crafted document could overflow the parser's heap buffer.";
  c.release_url = "https://github.com/acme/widget/releases/tag/v2.2.1";
  c.advisory_url = "https://github.com/acme/widget/security/advisories/GHSA-abcd-efgh-ijkl";
  return c;
}

}  // namespace

TEST_CASE("mail compose: the ack is a threaded form letter to the reporter", "[core][mail]") {
  QueuedMail q = AckMail(Reported(), Thread(), kSrc, "acme", "srcbot.1@src.example", kNow);
  CHECK(q.kind == MailKind::kAck);
  CHECK(q.case_id == 7);
  REQUIRE(q.mail.to.size() == 1);
  CHECK(q.mail.to[0].address == "rita@finder.example");
  CHECK(q.mail.to[0].display_name == "Rita Reporter");
  CHECK(q.mail.cc.empty());
  CHECK(q.mail.subject == "Re: [SRC-7] Heap overflow in the parser");
  CHECK(q.mail.in_reply_to == "m2@finder.example");
  CHECK(q.mail.references == std::vector<std::string>{"m1@finder.example", "m2@finder.example"});
  CHECK(q.mail.auto_replied);  // the reporter's vacation responder stays quiet
  CHECK_THAT(q.mail.text_body, Catch::Contains("recorded it as SRC-7"));
  CHECK_THAT(q.mail.text_body, Catch::Contains("within 24 hours"));
  CHECK_THAT(q.mail.text_body, Catch::Contains("within 7 days"));
  CHECK_THAT(q.mail.text_body, Catch::Contains("within 21 days"));
  CHECK_THAT(q.mail.text_body, Catch::Contains("The acme Security Response Committee"));
  CHECK(CheckOutgoingHeaders(q.mail).ok());
}

TEST_CASE("mail compose: an SRC member's words go in the thread, as written", "[core][mail]") {
  QueuedMail q = ReporterMail(Reported(), Thread(), kSrc, "acme",
                              "Could you share the crashing input?", "srcbot.2@src.example", kNow);
  CHECK(q.kind == MailKind::kCorrespondence);
  CHECK_FALSE(q.mail.auto_replied);  // a person wrote it and wants an answer
  CHECK(q.mail.subject == "Re: [SRC-7] Heap overflow in the parser");
  CHECK(q.mail.in_reply_to == "m2@finder.example");
  CHECK(q.mail.text_body.starts_with("Could you share the crashing input?\n"));
}

TEST_CASE("mail compose: a reporter's subject cannot add headers to our reply", "[core][mail]") {
  ReporterThread t = Thread();
  t.latest.subject = "crash\r\nBcc: everyone@lists.example";
  t.latest.from.display_name = "Rita\r\nCc: press@news.example";
  QueuedMail q = AckMail(Reported(), t, kSrc, "acme", "srcbot.3@src.example", kNow);
  CHECK(q.mail.subject.find('\n') == std::string::npos);
  CHECK(q.mail.subject.find('\r') == std::string::npos);
  CHECK(q.mail.to[0].display_name == "Rita Cc: press@news.example");
  // So the builder takes it: the ack leaves rather than being refused forever.
  CHECK(CheckOutgoingHeaders(q.mail).ok());
}

TEST_CASE("mail compose: the announcement carries public fields only, to the list",
          "[core][mail]") {
  Case c = Released();
  c.title = "Heap overflow in the parser (internal title)";
  c.reporter = "Rita Reporter <rita@finder.example>";
  auto q = AnnouncementMail(c, kSrc, "dev@lists.example", "srcbot.4@src.example", kNow);
  REQUIRE(q.ok());
  CHECK(q.value().kind == MailKind::kAnnouncement);
  REQUIRE(q.value().mail.to.size() == 1);
  CHECK(q.value().mail.to[0].address == "dev@lists.example");
  CHECK(q.value().mail.in_reply_to.empty());  // a new thread, not the reporter's
  CHECK_FALSE(q.value().mail.text_body.starts_with("Subject: "));
  CHECK_THAT(q.value().mail.text_body, Catch::Contains("CVE-2026-1234"));
  CHECK_THAT(q.value().mail.text_body, Catch::Contains(c.public_summary));
  CHECK(q.value().mail.text_body.find("rita@finder.example") == std::string::npos);
}

TEST_CASE("mail compose: an announcement with a missing field is not sent", "[core][mail]") {
  Case c = Released();
  c.public_summary.clear();
  auto q = AnnouncementMail(c, kSrc, "dev@lists.example", "srcbot.5@src.example", kNow);
  REQUIRE_FALSE(q.ok());
  CHECK(q.status().code() == Code::kConflict);
  CHECK_THAT(q.status().message(), Catch::Contains("the announcement lacks"));
}

TEST_CASE("mail compose: queuing a mail puts it on the timeline", "[core][mail]") {
  Change change;
  change.after = Reported();
  QueueMail(change,
            ReporterMail(Reported(), Thread(), kSrc, "acme", "hi", "srcbot.6@src.example", kNow),
            Actor{"U0ALICE", true, "C0SRC"}, kNow);
  REQUIRE(change.mails.size() == 1);
  REQUIRE(change.events.size() == 1);
  CHECK(change.events[0].kind == "mail-queued");
  CHECK(change.events[0].text ==
        "Mail queued for SRC-7: mail to rita@finder.example (Message-ID srcbot.6@src.example)");
}

TEST_CASE("mail compose: the archive link names the announcement's Message-ID", "[core][mail]") {
  CHECK(ArchiveLink("https://groups.google.com/d/msgid/acme-dev/{message_id}",
                    "srcbot.4@src.example") ==
        "https://groups.google.com/d/msgid/acme-dev/srcbot.4%40src.example");
  CHECK(ArchiveLink("https://lists.example/{message_id}/view", "a+b/c?d") ==
        "https://lists.example/a%2Bb%2Fc%3Fd/view");
  CHECK(ArchiveLink("https://lists.example/no-placeholder", "x@y").empty());
}
