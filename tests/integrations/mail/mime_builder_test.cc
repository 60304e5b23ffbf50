#include "integrations/mail/mime_builder.h"

#include <catch2/catch.hpp>

#include "integrations/mail/mime_parser.h"

using namespace srcbot;
using srcbot::mail::BuildMail;

namespace {

core::OutgoingMail Reply() {
  core::OutgoingMail m;
  m.from = {"security@src.example", "Security Response Committee"};
  m.to = {{"rita@reporter.example", "Rita Reporter"}};
  m.subject = "Re: [SRC-3] Heap overflow";
  m.message_id = "srcbot.00ff@src.example";
  m.in_reply_to = "report-1@reporter.example";
  m.references = {"report-1@reporter.example"};
  m.date = core::TimePoint{std::chrono::seconds(1'796'119'200)};  // 2026-12-01T10:00:00Z
  m.auto_replied = true;
  m.text_body = "Thank you for your report.\nWe will answer within 24 hours.\n";
  return m;
}

std::string Built(const core::OutgoingMail& m) {
  auto built = BuildMail(m);
  REQUIRE(built.ok());
  return built.value();
}

class Recording : public mail::MailTransform {
 public:
  core::Status Apply(const core::OutgoingMail&, GMimeMessage* message) override {
    ++calls;
    g_mime_object_set_header(GMIME_OBJECT(message), "X-Transformed", "yes", nullptr);
    return fail ? core::Status::Unavailable("no key") : core::Status::Ok();
  }
  int calls = 0;
  bool fail = false;
};

}  // namespace

TEST_CASE("mime builder: headers, CRLF line ends, 7-bit text", "[mail]") {
  std::string raw = Built(Reply());
  CHECK_THAT(raw, Catch::Contains("From: Security Response Committee <security@src.example>\r\n") &&
                      Catch::Contains("To: Rita Reporter <rita@reporter.example>\r\n") &&
                      Catch::Contains("Subject: Re: [SRC-3] Heap overflow\r\n") &&
                      Catch::Contains("Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n") &&
                      Catch::Contains("Message-Id: <srcbot.00ff@src.example>\r\n") &&
                      Catch::Contains("In-Reply-To: <report-1@reporter.example>\r\n") &&
                      Catch::Contains("References: <report-1@reporter.example>\r\n") &&
                      Catch::Contains("Auto-Submitted: auto-replied\r\n") &&
                      Catch::Contains("MIME-Version: 1.0\r\n") &&
                      Catch::Contains("Content-Type: text/plain"));
  for (std::size_t i = 0; i < raw.size(); ++i) {
    INFO("byte " << i);
    REQUIRE(static_cast<unsigned char>(raw[i]) < 0x80);
    if (raw[i] == '\n') REQUIRE((i > 0 && raw[i - 1] == '\r'));
  }
  CHECK(raw.find("Bcc") == std::string::npos);
}

TEST_CASE("mime builder: a non-ASCII subject is RFC 2047-encoded and reads back", "[mail]") {
  core::OutgoingMail m = Reply();
  m.subject = "Re: [SRC-3] \u00dcberlauf im Parser \u20ac";
  m.to[0].display_name = "J\u00f6rg";
  m.text_body = "Gr\u00fc\u00dfe\n";
  m.auto_replied = false;
  std::string raw = Built(m);
  CHECK_THAT(raw, Catch::Contains("=?") && !Catch::Contains("Auto-Submitted"));
  auto back = mail::ParseMail(raw);
  REQUIRE(back.ok());
  CHECK(back.value().subject == m.subject);
  CHECK(back.value().message_id == m.message_id);
  CHECK(back.value().in_reply_to == m.in_reply_to);
  CHECK(back.value().references == m.references);
  CHECK_THAT(raw, Catch::Contains("charset=utf-8") && !Catch::Contains("iso-8859"));
  CHECK_THAT(raw, Catch::Contains("To: =?UTF-8?"));
  CHECK(back.value().text_body == "Gr\u00fc\u00dfe\r\n");  // the canonical CRLF
}

TEST_CASE("mime builder: CR/LF injection is refused before anything is built", "[mail]") {
  core::OutgoingMail m = Reply();
  m.subject = "hi\r\nBcc: everyone@lists.example";
  CHECK(BuildMail(m).status().code() == core::Code::kInvalidArgument);
  m = Reply();
  m.to[0].address = "rita@reporter.example\r\nRCPT TO:<x@y>";
  CHECK(BuildMail(m).status().code() == core::Code::kInvalidArgument);
  m = Reply();
  m.references.push_back("a@b>\r\nX-Evil: 1");
  CHECK(BuildMail(m).status().code() == core::Code::kInvalidArgument);
  m = Reply();
  m.text_body = "\xff";
  CHECK(BuildMail(m).status().code() == core::Code::kInvalidArgument);
}

TEST_CASE("mime builder: the transform seam runs on every build and can stop it", "[mail]") {
  Recording transform;
  auto built = BuildMail(Reply(), transform);
  REQUIRE(built.ok());
  CHECK(transform.calls == 1);
  CHECK_THAT(built.value(), Catch::Contains("X-Transformed: yes\r\n"));
  transform.fail = true;
  CHECK(BuildMail(Reply(), transform).status().code() == core::Code::kUnavailable);
}
