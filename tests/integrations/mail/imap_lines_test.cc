#include "integrations/mail/imap_lines.h"

#include <catch2/catch.hpp>

using namespace srcbot::mail;
using Kind = ImapLine::Kind;

TEST_CASE("imap lines: continuation, tagged results, EXISTS and RECENT", "[mail][idle]") {
  CHECK(ParseImapLine("+ idling\r\n", "s3").kind == Kind::kContinuation);
  CHECK(ParseImapLine("+", "s3").kind == Kind::kContinuation);
  CHECK(ParseImapLine("s3 OK Idle completed (0.001 + 2.5 secs).", "s3").kind == Kind::kOk);
  CHECK(ParseImapLine("S3 ok done", "s3").kind == Kind::kOk);
  CHECK(ParseImapLine("s3 NO [ALERT] no", "s3").kind == Kind::kNo);
  CHECK(ParseImapLine("s3 BAD Expected DONE.", "s3").kind == Kind::kBad);
  // Another command's tag, or none in flight: not ours.
  CHECK(ParseImapLine("s2 OK done", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("s3 OK done", "").kind == Kind::kOther);
  CHECK(ParseImapLine("s30 OK done", "s3").kind == Kind::kOther);

  ImapLine exists = ParseImapLine("* 12 EXISTS\r\n", "s3");
  CHECK(exists.kind == Kind::kExists);
  CHECK(exists.number == 12);
  ImapLine recent = ParseImapLine("* 1 recent", "s3");
  CHECK(recent.kind == Kind::kRecent);
  CHECK(recent.number == 1);
  CHECK(ParseImapLine("* 0 RECENT", "s3").number == 0);
  CHECK(ParseImapLine("* BYE Server shutting down.", "s3").kind == Kind::kBye);

  // What only looks alike: other untagged data, a bad number, nothing.
  CHECK(ParseImapLine("* 3 EXPUNGE", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("* OK Still here", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("* x EXISTS", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("* 99999999999 EXISTS", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("* FLAGS (\\Seen)", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("*", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("", "s3").kind == Kind::kOther);
  CHECK(ParseImapLine("+x", "s3").kind == Kind::kOther);
}

TEST_CASE("imap lines: quoted strings for LOGIN", "[mail][idle]") {
  CHECK(QuoteImapString("srcbot").value() == "\"srcbot\"");
  CHECK(QuoteImapString("").value() == "\"\"");
  CHECK(QuoteImapString("pa\"ss\\word").value() == "\"pa\\\"ss\\\\word\"");
  for (const char* bad : {"a\r\nb LOGOUT", "new\nline", "caf\xc3\xa9"}) {
    auto quoted = QuoteImapString(bad);
    REQUIRE_FALSE(quoted.ok());
    CHECK(quoted.status().message().find(bad) == std::string::npos);
  }
  CHECK_FALSE(QuoteImapString(std::string("nul\0x", 5)).ok());
}
