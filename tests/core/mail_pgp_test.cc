#include "core/mail_pgp.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

namespace {

InboundMail Mail(const std::string& subject, const std::string& body) {
  InboundMail m;
  m.subject = subject;
  m.text_body = body;
  return m;
}

}  // namespace

TEST_CASE("mail pgp: key requests are told from reports that mention keys", "[mail]") {
  CHECK(AsksForKey(Mail("Could you send me your PGP key?", "")));
  CHECK(AsksForKey(Mail("Request: public key", "")));
  CHECK(AsksForKey(Mail("hello", "\n\nPlease share your GPG key so I can encrypt the details.\nThanks")));
  CHECK(AsksForKey(Mail("Need OpenPGP key", "")));
  CHECK_FALSE(AsksForKey(Mail("GPG key handling bypass in verify()", "Details below.")));
  CHECK_FALSE(AsksForKey(Mail("Heap overflow", "Steps:\n1. run it\nCould you send me your PGP key?")));
  InboundMail reply = Mail("Re: send your PGP key?", "");
  reply.in_reply_to = "srcbot.1@src.example";
  CHECK_FALSE(AsksForKey(reply));  // not a new thread
}

TEST_CASE("mail pgp: the key goes to one sender at most once a day", "[mail]") {
  const TimePoint now{std::chrono::seconds(1'796'119'200)};
  CHECK(KeyReplyDue(std::nullopt, now));
  CHECK_FALSE(KeyReplyDue(now - Duration(3600), now));
  CHECK_FALSE(KeyReplyDue(now - Duration(24 * 3600 - 1), now));
  CHECK(KeyReplyDue(now - Duration(24 * 3600), now));
  CHECK_THAT(KeyReplyText("ABCD1234"), Catch::Contains("Fingerprint: ABCD1234"));
}
