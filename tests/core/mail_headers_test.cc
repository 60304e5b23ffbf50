#include "core/mail_headers.h"

#include <catch2/catch.hpp>
#include <utility>
#include <vector>

using namespace srcbot::core;
using namespace std::string_literals;

namespace {

OutgoingMail Good() {
  OutgoingMail m;
  m.from = {"security@src.example", "SRC"};
  m.to = {{"reporter@example.org", "Reporter"}};
  m.subject = "Re: [SRC-3] Heap overflow";
  m.message_id = "srcbot.00ff@src.example";
  m.in_reply_to = "first@example.org";
  m.references = {"first@example.org"};
  return m;
}

}  // namespace

TEST_CASE("mail headers: a well-formed mail passes", "[core][mail]") {
  CHECK(CheckOutgoingHeaders(Good()).ok());
}

TEST_CASE("mail headers: CR, LF or NUL in any header value is refused", "[core][mail]") {
  using Setter = void (*)(OutgoingMail&, const std::string&);
  const std::vector<std::pair<const char*, Setter>> fields = {
      {"Subject", [](OutgoingMail& m, const std::string& v) { m.subject = v; }},
      {"From", [](OutgoingMail& m, const std::string& v) { m.from.display_name = v; }},
      {"To", [](OutgoingMail& m, const std::string& v) { m.to[0].display_name = v; }},
      {"To", [](OutgoingMail& m, const std::string& v) { m.to[0].address = "a@b" + v; }},
      {"Cc", [](OutgoingMail& m, const std::string& v) { m.cc.push_back({"c@d" + v, ""}); }},
      {"Message-ID", [](OutgoingMail& m, const std::string& v) { m.message_id = "x@y" + v; }},
      {"In-Reply-To", [](OutgoingMail& m, const std::string& v) { m.in_reply_to = "x@y" + v; }},
      {"References",
       [](OutgoingMail& m, const std::string& v) { m.references.push_back("x@y" + v); }},
  };
  for (const std::string& bad : {"x\r\nBcc: all@lists.example"s, "x\ny"s, "x\ry"s, "x\0y"s}) {
    for (const auto& [field, set] : fields) {
      INFO(field << ", a value of " << bad.size() << " bytes");
      OutgoingMail m = Good();
      set(m, bad);
      Status s = CheckOutgoingHeaders(m);
      CHECK(s.code() == Code::kInvalidArgument);
      CHECK_THAT(s.message(), Catch::Contains(field));
      // The refusal names the field, never the attacker's text.
      CHECK(s.message().find("Bcc") == std::string::npos);
    }
  }
}

TEST_CASE("mail headers: addresses and ids are plain", "[core][mail]") {
  CHECK(IsValidMailAddress("a.b+c@example.org"));
  for (const char* bad : {"", "a", "@b", "a@", "a@b@c", "a b@c", "<a@b>", "a@b,c@d", "\"a\"@b",
                          "a@b;", "a\t@b"}) {
    INFO(bad);
    CHECK_FALSE(IsValidMailAddress(bad));
  }
  CHECK_FALSE(IsValidMailAddress(std::string(251, 'a') + "@b.c"));
  CHECK(IsValidMessageId("srcbot.1f@src.example"));
  for (const char* bad : {"", "nope", "<a@b>", "a b@c", "@b", "a@", "a@b@c"}) {
    INFO(bad);
    CHECK_FALSE(IsValidMessageId(bad));
  }
  CHECK_FALSE(IsValidMessageId("a@\xc3\xa9"));
}

TEST_CASE("mail headers: other faults name their field", "[core][mail]") {
  OutgoingMail m = Good();
  m.to.clear();
  CHECK_THAT(CheckOutgoingHeaders(m).message(), Catch::Contains("no recipient"));
  m = Good();
  m.subject = "\xff\xfe";
  CHECK_THAT(CheckOutgoingHeaders(m).message(), Catch::Contains("UTF-8"));
  m = Good();
  m.in_reply_to.clear();  // optional
  m.references.clear();
  CHECK(CheckOutgoingHeaders(m).ok());
}

TEST_CASE("mail headers: sanitising folds controls into single spaces", "[core][mail]") {
  CHECK(SanitizeHeaderText("  Heap\r\n\toverflow \0 in  parser\x7f "s) ==
        "Heap overflow in parser");
  CHECK(SanitizeHeaderText(std::string("a\0b", 3)) == "a b");
  CHECK(SanitizeHeaderText("\r\n") == "");
  CHECK(SanitizeHeaderText("Überlauf") == "Überlauf");
  CHECK(IsHeaderSafe(SanitizeHeaderText("x\r\nBcc: y")));
}
