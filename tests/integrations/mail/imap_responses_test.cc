#include "integrations/mail/imap_responses.h"

#include <catch2/catch.hpp>

using namespace srcbot::mail;

TEST_CASE("imap responses: SEARCH, CAPABILITY and LIST lines", "[mail]") {
  CHECK(ParseSearch("* SEARCH 5 3 3 12\r\n* OK x\r\n") == std::vector<std::uint32_t>{3, 5, 12});
  CHECK(ParseSearch("* SEARCH\r\n").empty());
  CHECK(ParseSearch("* search 1 x 99999999999 0 2\r\n") == std::vector<std::uint32_t>{1, 2});
  auto caps = ParseCapabilities("* CAPABILITY IMAP4rev1 move UIDPLUS\r\n");
  CHECK(caps.count("MOVE") == 1);
  CHECK(caps.count("UIDPLUS") == 1);
  CHECK(ParseListDelimiter("* LIST (\\Noselect) \"/\" \"\"\r\n") == '/');
  CHECK(ParseListDelimiter("* LIST (\\Noselect) \".\" \"\"\r\n") == '.');
  CHECK(ParseListDelimiter("* LIST (\\Noselect) \"\\\\\" \"\"\r\n") == '\\');
  CHECK_FALSE(ParseListDelimiter("* LIST (\\Noselect) NIL \"\"\r\n").has_value());
  CHECK(HasListLine("* LIST (\\HasNoChildren) \"/\" srcbot/processed\r\n"));
  CHECK_FALSE(HasListLine(""));
}

TEST_CASE("imap responses: mailbox names are quoted, not injected", "[mail]") {
  CHECK(QuoteMailbox("srcbot/processed").value() == "\"srcbot/processed\"");
  CHECK(QuoteMailbox("a\"b\\c").value() == "\"a\\\"b\\\\c\"");
  CHECK_FALSE(QuoteMailbox("").ok());
  CHECK_FALSE(QuoteMailbox("x\r\nA1 DELETE INBOX").ok());
  CHECK_FALSE(QuoteMailbox("caf\xc3\xa9").ok());
}
