#include "integrations/mail/mime_parser.h"

#include <glib.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "core/utf8.h"
#include "tests/integrations/mail/mail_samples.h"

using namespace srcbot;
using srcbot::mail::ParseMail;
using srcbot::mail::ParseOptions;
using srcbot::testing::Crlf;

namespace {

core::InboundMail Parse(const std::string& raw, const ParseOptions& options = {}) {
  auto parsed = ParseMail(raw, options);
  REQUIRE(parsed.ok());
  return parsed.value();
}

std::string Sha256(const std::string& data) {
  gchar* hex = g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(data.data()), data.size());
  std::string out = hex;
  g_free(hex);
  return out;
}

std::string Base64(const std::string& data) {
  gchar* b64 = g_base64_encode(reinterpret_cast<const guchar*>(data.data()), data.size());
  std::string flat = b64;
  g_free(b64);
  std::string out;  // 76 columns, as mailers write it
  for (std::size_t i = 0; i < flat.size(); i += 76) out.append(flat, i, 76).append("\r\n");
  return out;
}

bool AllUtf8(const core::InboundMail& m) {
  bool ok = core::IsValidUtf8(m.subject) && core::IsValidUtf8(m.text_body) &&
            core::IsValidUtf8(m.from.display_name) && core::IsValidUtf8(m.from.address);
  for (const auto& a : m.attachments) ok = ok && core::IsValidUtf8(a.name);
  return ok;
}

}  // namespace

TEST_CASE("mime parser: a plain report", "[mail]") {
  core::InboundMail m = Parse(testing::PlainReport());
  CHECK(m.message_id == "report-1@reporter.example");
  CHECK(m.from.address == "rita@reporter.example");
  CHECK(m.from.display_name == "Rita Reporter");
  CHECK(m.subject == "Heap overflow in the parser");
  REQUIRE(m.date.has_value());
  CHECK(core::FormatIso(*m.date) == "2026-12-01T10:00:00Z");
  CHECK(m.text_body == "The parser overflows on long input.\r\nSteps: run it.\r\n");
  CHECK(m.attachments.empty());
  CHECK(m.problems.empty());
  CHECK(m.raw_sha256_hex == Sha256(testing::PlainReport()));
  CHECK_FALSE(m.return_path.has_value());
}

TEST_CASE("mime parser: threading headers", "[mail]") {
  core::InboundMail m = Parse(Crlf({"From: a@b.example", "Subject: Re: [SRC-3] x",
                                    "Message-ID: <m3@b.example>", "In-Reply-To: <m2@src.example>",
                                    "References: <m1@b.example>\r\n <m2@src.example>", "", "hi"}));
  CHECK(m.in_reply_to == "m2@src.example");
  CHECK(m.references == std::vector<std::string>{"m1@b.example", "m2@src.example"});
}

TEST_CASE("mime parser: encoded words and 8-bit raw headers are decoded to UTF-8", "[mail]") {
  core::InboundMail m = Parse(Crlf(
      {"From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <jorg@example.de>",
       "Subject: =?UTF-8?B?w5xiZXJsYXVm?= im =?utf-8?q?Parser_=E2=82=AC?=", "", "x"}));
  CHECK(m.from.display_name == "J\u00f6rg M\u00fcller");
  CHECK(m.subject == "\u00dcberlauf im Parser \u20ac");

  // Raw bytes: UTF-8 when they are, else read as Windows-1252; noted either way.
  core::InboundMail raw8 = Parse(Crlf({"From: \"Andr\xc3\xa9\" <andre@example.fr>",
                                       "Subject: caf\xe9 na\xefve \x80", "", "x"}));
  CHECK(raw8.from.display_name == "Andr\u00e9");
  CHECK(raw8.subject == "caf\u00e9 na\u00efve \u20ac");
  CHECK(AllUtf8(raw8));
  CHECK_THAT(raw8.problems.at(0), Catch::Contains("8-bit"));
}

TEST_CASE("mime parser: an encoded-word bomb is bounded in size and time", "[mail]") {
  std::string subject = "Subject:";
  for (int i = 0; i < 200'000; ++i) subject += " =?UTF-8?B?w5zDnMOcw5w=?=";  // ~5 MiB
  std::string from = "From: ";
  for (int i = 0; i < 50'000; ++i) from += "=?UTF-8?Q?=C3=9C?= <u" + std::to_string(i) + "@x.example>, ";
  from += "last@x.example";
  auto start = std::chrono::steady_clock::now();
  core::InboundMail m = Parse(Crlf({from, subject, "", "body"}));
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(took < std::chrono::seconds(5));
  CHECK(m.subject.size() <= ParseOptions{}.max_header_bytes);
  CHECK(m.subject.starts_with("\u00dc\u00dc\u00dc\u00dc"));
  CHECK(m.from.address == "u0@x.example");
  CHECK(AllUtf8(m));
}

TEST_CASE("mime parser: malformed MIME is read as far as it goes and noted", "[mail]") {
  SECTION("a multipart without a boundary") {
    core::InboundMail m = Parse(Crlf({"From: a@b.example", "Subject: s",
                                      "Content-Type: multipart/mixed", "", "text", "--x", "y"}));
    CHECK_FALSE(m.problems.empty());
  }
  SECTION("a truncated multipart and an invalid Content-Type") {
    core::InboundMail m = Parse(Crlf(
        {"From: a@b.example", "Subject: s", "MIME-Version: 1.0",
         "Content-Type: multipart/mixed; boundary=\"b1\"", "", "--b1",
         "Content-Type: text/plain", "", "first part", "--b1", "Content-Type: /;;;", "",
         "garbage"}));
    CHECK(m.text_body.starts_with("first part"));
    CHECK_FALSE(m.problems.empty());
  }
  SECTION("bytes that are not mail at all") {
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
    auto parsed = ParseMail(junk);
    if (parsed.ok()) CHECK(AllUtf8(parsed.value()));
  }
  SECTION("empty input and a body without headers are refused") {
    CHECK(ParseMail("").status().code() == core::Code::kInvalidArgument);
    CHECK_FALSE(ParseMail("\r\n\r\njust a body\r\n").ok());
  }
}

TEST_CASE("mime parser: multipart/alternative prefers text/plain; attachments recorded", "[mail]") {
  std::string pdf = "%PDF-1.4 not really";
  core::InboundMail m = Parse(Crlf(
      {"From: a@b.example", "Subject: s", "MIME-Version: 1.0",
       "Content-Type: multipart/mixed; boundary=\"outer\"", "", "--outer",
       "Content-Type: multipart/alternative; boundary=\"alt\"", "", "--alt",
       "Content-Type: text/html; charset=utf-8", "", "<p>the <b>html</b></p>", "--alt",
       "Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable",
       "", "the pl=E4in text", "--alt--", "--outer",
       "Content-Type: application/pdf; name=\"poc.pdf\"",
       "Content-Disposition: attachment; filename=\"poc.pdf\"", "Content-Transfer-Encoding: base64",
       "", Base64(pdf), "--outer--"}));
  CHECK(m.text_body == "the pl\u00e4in text");  // the CRLF before a boundary is the boundary's
  CHECK_FALSE(m.html_only_converted);
  REQUIRE(m.attachments.size() == 1);
  const core::MailAttachment& a = m.attachments[0];
  CHECK(a.name == "poc.pdf");
  CHECK(a.content_type == "application/pdf");
  CHECK(a.size == pdf.size());
  CHECK(a.sha256_hex == Sha256(pdf));
  CHECK(a.content_kept);
  CHECK(a.content == pdf);
}

TEST_CASE("mime parser: HTML-only mail gets its text extracted, the HTML kept", "[mail]") {
  core::InboundMail m = Parse(Crlf(
      {"From: a@b.example", "Subject: s", "MIME-Version: 1.0",
       "Content-Type: text/html; charset=utf-8", "",
       "<html><body><p>Dear SRC,</p><p>the <i>parser</i> &amp; lexer crash.</p></body></html>"}));
  CHECK(m.html_only_converted);
  CHECK(m.text_body == "Dear SRC,\n\nthe parser & lexer crash.");
  REQUIRE(m.attachments.size() == 1);
  CHECK(m.attachments[0].content_type == "text/html");
}

TEST_CASE("mime parser: content over the limit is dropped, its metadata kept", "[mail]") {
  std::string big(50u << 20, 'A');  // 50 MiB, over the 25 MiB default
  for (std::size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>('a' + i % 26);
  std::string small = "small attachment";
  std::string raw = Crlf(
      {"From: a@b.example", "Subject: s", "MIME-Version: 1.0",
       "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain", "",
       "see attached", "--b", "Content-Type: application/octet-stream",
       "Content-Disposition: attachment; filename=\"core.dump\"",
       "Content-Transfer-Encoding: base64", "", Base64(big), "--b",
       "Content-Type: text/plain", "Content-Disposition: attachment; filename=\"notes.txt\"", "",
       small, "--b--"});
  core::InboundMail m = Parse(raw);
  REQUIRE(m.attachments.size() == 2);
  CHECK(m.attachments[0].name == "core.dump");
  CHECK(m.attachments[0].size == big.size());
  CHECK(m.attachments[0].sha256_hex == Sha256(big));
  CHECK_FALSE(m.attachments[0].content_kept);
  CHECK(m.attachments[0].content.empty());
  CHECK(m.attachments[1].content_kept);  // what still fits is kept
  CHECK(m.attachments[1].content == small);
  REQUIRE(m.problems.size() == 1);
  CHECK_THAT(m.problems[0], Catch::Contains("core.dump") && Catch::Contains("over the size limit"));
}

TEST_CASE("mime parser: the headers that mark automatic mail", "[mail]") {
  core::InboundMail m = Parse(Crlf({"Return-Path: <>", "From: MAILER-DAEMON@mx.example",
                                    "Auto-Submitted: auto-replied", "Precedence: bulk",
                                    "List-Id: <dev.lists.example>", "Subject: Undelivered",
                                    "Content-Type: multipart/report; report-type=delivery-status; "
                                    "boundary=\"r\"",
                                    "", "--r", "Content-Type: text/plain", "", "failed", "--r--"}));
  REQUIRE(m.return_path.has_value());
  CHECK(m.return_path->empty());
  CHECK(m.auto_submitted == "auto-replied");
  CHECK(m.precedence == "bulk");
  CHECK(m.list_id == "<dev.lists.example>");
  CHECK(m.delivery_report);
}

TEST_CASE("mime parser: an attached message is kept whole", "[mail]") {
  core::InboundMail m = Parse(Crlf(
      {"From: a@b.example", "Subject: Fwd", "MIME-Version: 1.0",
       "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain", "",
       "forwarding", "--b", "Content-Type: message/rfc822", "", "From: x@y.example",
       "Subject: inner", "", "inner body", "--b--"}));
  REQUIRE(m.attachments.size() == 1);
  CHECK(m.attachments[0].content_type == "message/rfc822");
  CHECK_THAT(m.attachments[0].content, Catch::Contains("Subject: inner"));
}
