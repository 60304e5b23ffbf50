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
  CHECK(AsksForKey(
      Mail("hello", "\n\nPlease share your GPG key so I can encrypt the details.\nThanks")));
  CHECK(AsksForKey(Mail("Need OpenPGP key", "")));
  CHECK_FALSE(AsksForKey(Mail("GPG key handling bypass in verify()", "Details below.")));
  CHECK_FALSE(
      AsksForKey(Mail("Heap overflow", "Steps:\n1. run it\nCould you send me your PGP key?")));
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

TEST_CASE("mail pgp: a bare key request is told from a report that also asks", "[mail]") {
  CHECK(IsBareKeyRequest(Mail("Could you send me your PGP key?", "")));
  CHECK(IsBareKeyRequest(Mail("hello",
                              "Hi, please send your GPG key, I have a report.\n\n"
                              "Thanks,\nBob\n-- \nBob Finder\nSecurity Research, "
                              "Example Corp, 1 Long Street, Somewhere far away")));
  // Quoted text is not theirs: it does not make a report.
  CHECK(IsBareKeyRequest(Mail("Need your public key?", "Please.\n" + std::string(20, '>') + "\n" +
                                                           "> " + std::string(600, 'q'))));
  CHECK_FALSE(IsBareKeyRequest(Mail("Heap overflow", "just text")));  // asks nothing
  const std::string report =
      "Please send your PGP key.\n\ncosign verify accepts a bundle signed with a 512-bit RSA "
      "key. To reproduce: generate a 512-bit key, sign any blob, make a bundle and run cosign "
      "verify-blob with --bundle; it exits 0. Versions 2.2.0 to 2.4.1 are affected; earlier ones "
      "refuse the key. I will send the proof of concept encrypted once I have your key.";
  REQUIRE(report.size() > kBareRequestBytes);
  CHECK(AsksForKey(Mail("Weak keys", report)));
  CHECK_FALSE(IsBareKeyRequest(Mail("Weak keys", report)));

  InboundMail attached = Mail("Your PGP key please?", "");
  attached.attachments.push_back({"poc.py", "text/x-python", 10, "", true, "print(1)"});
  CHECK_FALSE(IsBareKeyRequest(attached));  // a proof of concept is a report
  InboundMail own_key = Mail("Your PGP key please? Mine is attached", "");
  own_key.attachments.push_back({"bob.asc", "application/pgp-keys", 10, "", true, "k"});
  CHECK(IsBareKeyRequest(own_key));
  InboundMail unreadable = Mail("Your PGP key please?", "");
  unreadable.decryption_failed = true;
  CHECK_FALSE(IsBareKeyRequest(unreadable));  // something came we could not read
}
