#include "core/key_reply.h"

#include <catch2/catch.hpp>

#include "core/mail_guard.h"
#include "core/mail_intake.h"
#include "core/mail_reply.h"

using namespace srcbot::core;

namespace {

const TimePoint kNow{std::chrono::seconds(1'796'119'200)};
const MailAddress kSrc{"security@src.example", "Security Response Committee"};
const SrcKey kKey{
    "0123456789ABCDEF0123456789ABCDEF01234567",
    "-----BEGIN PGP PUBLIC KEY BLOCK-----\nkey\n-----END PGP PUBLIC KEY BLOCK-----\n"};

InboundMail Request() {
  InboundMail m;
  m.message_id = "ask-1@finder.example";
  m.references = {};
  m.from = {"Bob@Finder.example", "Bob"};
  m.subject = "Could you send me your PGP key?";
  m.text_body = "Hi, I have a report for you. Thanks, Bob";
  return m;
}

KeyRequest Due(CaseId id) {
  return {std::nullopt,
          KeyReplyMail(Request(), id, kSrc, "acme", kKey, "srcbot.1@src.example", kNow)};
}

KeyRequest NotDue() { return {kNow - std::chrono::hours(2), std::nullopt}; }

}  // namespace

TEST_CASE("key reply: the reply is threaded, a form letter, with the key attached", "[mail]") {
  QueuedMail q = KeyReplyMail(Request(), 0, kSrc, "acme", kKey, "srcbot.1@src.example", kNow);
  CHECK(q.case_id == 0);
  CHECK(q.kind == MailKind::kKeyReply);
  REQUIRE(q.mail.to.size() == 1);
  CHECK(q.mail.to[0].address == "Bob@Finder.example");
  CHECK(q.mail.from.address == "security@src.example");
  CHECK(q.mail.subject == "Re: Could you send me your PGP key?");  // no case, no tag
  CHECK(q.mail.in_reply_to == "ask-1@finder.example");
  CHECK(q.mail.references == std::vector<std::string>{"ask-1@finder.example"});
  CHECK(q.mail.message_id == "srcbot.1@src.example");
  CHECK(q.mail.auto_replied);
  CHECK_THAT(q.mail.text_body, Catch::Contains("Fingerprint: " + kKey.fingerprint) &&
                                   Catch::Contains("The acme Security Response Committee"));
  REQUIRE(q.mail.attachments.size() == 1);
  CHECK(q.mail.attachments[0].name == kKeyAttachmentName);
  CHECK(q.mail.attachments[0].content_type == "application/pgp-keys");
  CHECK(q.mail.attachments[0].content == kKey.armored);
  CHECK(q.mail.attachments[0].content_kept);
  // On a case the subject carries its tag, for the threads that follow.
  CHECK(KeyReplyMail(Request(), 4, kSrc, "acme", kKey, "srcbot.2@src.example", kNow).mail.subject ==
        "Re: [SRC-4] Could you send me your PGP key?");
  CHECK(ReplySubject(0, "Re: RE: hello") == "Re: hello");
  CHECK(ReplySubject(0, "") == "Re: (no subject)");
}

TEST_CASE("key reply: one record per address, whatever its capitals", "[mail]") {
  CHECK(KeyRequestSender({"Bob@Finder.EXAMPLE", "Bob"}) == "bob@finder.example");
  CHECK(KeyRequestSender({"", ""}).empty());
}

TEST_CASE("key reply: a bare request is a change about no case, with a post and the reply",
          "[mail]") {
  Change sent = BareKeyRequest(Request(), Due(0));
  CHECK(sent.after.id == 0);
  CHECK(sent.events.empty());
  REQUIRE(sent.mails.size() == 1);
  CHECK(sent.mails[0].kind == MailKind::kKeyReply);
  REQUIRE(sent.messages.size() == 1);
  CHECK(sent.messages[0].audience == Audience::kSrcChannel);
  CHECK(sent.messages[0].about.empty());
  CHECK_THAT(sent.messages[0].text,
             Catch::Contains("Sent the SRC's OpenPGP key to Bob &lt;Bob@Finder.example&gt;") &&
                 Catch::Contains("srcbot.1@src.example") &&
                 Catch::Contains("> Hi, I have a report for you."));

  Change again = BareKeyRequest(Request(), NotDue());
  CHECK(again.mails.empty());
  CHECK(again.events.empty());
  REQUIRE(again.messages.size() == 1);
  CHECK_THAT(again.messages[0].text, Catch::Contains("asked for the SRC's OpenPGP key again") &&
                                         Catch::Contains("not sent again") &&
                                         Catch::Contains("at most once a day per sender"));
}

TEST_CASE("key reply: a report that asks opens its case, and the case carries the reply",
          "[mail]") {
  auto opened = OpenFromMail(3, Request(), kNow, kNow);
  REQUIRE(opened.ok());
  Change change = opened.value();
  const std::size_t events = change.events.size();
  AnswerInCase(change, Due(3), kNow);
  REQUIRE(change.mails.size() == 1);
  CHECK(change.mails[0].case_id == 3);
  CHECK(change.events.size() == events + 1);
  CHECK(change.events.back().kind == "mail-queued");
  CHECK_THAT(change.messages.front().text,
             Catch::Contains("New report SRC-3") &&
                 Catch::Contains("they asked for the SRC's OpenPGP key: sent"));
  CHECK(change.events.front().text == change.messages.front().text);

  Change not_due = OpenFromMail(4, Request(), kNow, kNow).value();
  AnswerInCase(not_due, NotDue(), kNow);
  CHECK(not_due.mails.empty());
  CHECK(not_due.events.back().kind == "key-request");
  CHECK_THAT(not_due.messages.front().text, Catch::Contains("not sent again"));
}

TEST_CASE("key reply: the guard lets a reply on no case go to its one recipient only", "[mail]") {
  MailFacts facts{"", "security@src.example", {"announce@lists.example"}};
  QueuedMail q = Due(0).reply.value();
  Case none;
  CHECK(JudgeMail(none, q, facts).allowed);
  QueuedMail to_list = q;
  to_list.mail.to = {{"Announce@lists.example", ""}};
  CHECK_FALSE(JudgeMail(none, to_list, facts).allowed);
  QueuedMail two = q;
  two.mail.cc = {{"other@example.org", ""}};
  CHECK_FALSE(JudgeMail(none, two, facts).allowed);

  // On a case it is correspondence: the reporter only, while under embargo.
  Case c;
  c.id = 3;
  QueuedMail on_case = Due(3).reply.value();
  facts.reporter = "bob@finder.example";
  CHECK(JudgeMail(c, on_case, facts).allowed);
  facts.reporter = "rita@reporter.example";
  CHECK_FALSE(JudgeMail(c, on_case, facts).allowed);
}
