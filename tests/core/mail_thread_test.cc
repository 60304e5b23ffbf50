#include "core/mail_thread.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

namespace {

InboundMail From(const std::string& address, const std::string& subject) {
  InboundMail m;
  m.message_id = "new-1@reporter.example";
  m.from = {address, "Someone"};
  m.subject = subject;
  return m;
}

KnownThreads Case3() {
  KnownThreads k;
  k.received["first@reporter.example"] = 3;
  k.sent["srcbot.aa@src.example"] = 3;
  k.reporters[3] = "Reporter@Reporter.example";
  k.reporters[4] = "other@elsewhere.example";
  return k;
}

}  // namespace

TEST_CASE("mail thread: a message in no known thread opens a new case", "[core][mail]") {
  InboundDecision d = ClassifyInbound(From("someone@example.org", "Heap overflow"), Case3());
  CHECK(d.action == InboundAction::kNewCase);
  CHECK(d.case_id == 0);
}

TEST_CASE("mail thread: In-Reply-To or References naming a known id appends", "[core][mail]") {
  InboundMail m = From("someone@example.org", "no tag here");
  SECTION("In-Reply-To names mail srcbot sent") {
    m.in_reply_to = "srcbot.aa@src.example";
    InboundDecision d = ClassifyInbound(m, Case3());
    CHECK(d.action == InboundAction::kAppend);
    CHECK(d.case_id == 3);
    CHECK_THAT(d.reason, Catch::Contains("In-Reply-To") && Catch::Contains("sent"));
  }
  SECTION("References names mail received for the case, among unknown ids") {
    m.references = {"unknown@x.example", "first@reporter.example", "other@x.example"};
    InboundDecision d = ClassifyInbound(m, Case3());
    CHECK(d.action == InboundAction::kAppend);
    CHECK(d.case_id == 3);
    CHECK_THAT(d.reason, Catch::Contains("References"));
  }
  SECTION("In-Reply-To wins over References") {
    KnownThreads k = Case3();
    k.sent["srcbot.bb@src.example"] = 4;
    m.in_reply_to = "srcbot.bb@src.example";
    m.references = {"srcbot.aa@src.example"};
    CHECK(ClassifyInbound(m, k).case_id == 4);
  }
}

TEST_CASE("mail thread: [SRC-n] counts only from case n's reporter", "[core][mail]") {
  SECTION("the reporter (address compared without regard to case)") {
    InboundDecision d =
        ClassifyInbound(From("reporter@REPORTER.example", "Re: [SRC-3] more details"), Case3());
    CHECK(d.action == InboundAction::kAppend);
    CHECK(d.case_id == 3);
  }
  SECTION("a stranger forging the tag opens a new case, never appends") {
    InboundDecision d =
        ClassifyInbound(From("mallory@evil.example", "Re: [SRC-3] please read"), Case3());
    CHECK(d.action == InboundAction::kNewCase);
    CHECK(d.case_id == 0);
  }
  SECTION("case 4's reporter naming case 3 is a new case too") {
    InboundDecision d =
        ClassifyInbound(From("other@elsewhere.example", "[SRC-3] hijack"), Case3());
    CHECK(d.action == InboundAction::kNewCase);
  }
  SECTION("an unknown case number is a new case") {
    CHECK(ClassifyInbound(From("reporter@reporter.example", "[SRC-99]"), Case3()).action ==
          InboundAction::kNewCase);
  }
}

TEST_CASE("mail thread: automatic mail is recorded, never answered", "[core][mail]") {
  InboundMail m = From("someone@example.org", "Out of office");
  SECTION("Auto-Submitted other than no") {
    m.auto_submitted = "auto-replied";
    CHECK(IsAutomatic(m));
    m.auto_submitted = "No";
    CHECK_FALSE(IsAutomatic(m));
  }
  SECTION("Precedence bulk, junk, list") {
    for (const char* p : {"bulk", "JUNK", "list"}) {
      m.precedence = p;
      CHECK(IsAutomatic(m));
    }
    m.precedence = "first-class";
    CHECK_FALSE(IsAutomatic(m));
  }
  SECTION("the null return path, MAILER-DAEMON, a delivery report, a List-Id") {
    InboundMail a = m, b = m, c = m, d = m, e = m;
    a.return_path = "";
    b.return_path = "MAILER-DAEMON@mx.example";
    c.from.address = "mailer-daemon@mx.example";
    d.delivery_report = true;
    e.list_id = "<dev.lists.example>";
    for (const InboundMail* x : {&a, &b, &c, &d, &e}) CHECK(IsAutomatic(*x));
    InboundMail f = m;
    f.return_path = "someone@example.org";
    CHECK_FALSE(IsAutomatic(f));
  }
  SECTION("unthreaded: recorded on no case") {
    m.auto_submitted = "auto-generated";
    InboundDecision d = ClassifyInbound(m, Case3());
    CHECK(d.action == InboundAction::kRecordOnly);
    CHECK(d.case_id == 0);
  }
  SECTION("a bounce of srcbot's mail: recorded on that case, not appended as correspondence") {
    m.return_path = "";
    m.in_reply_to = "srcbot.aa@src.example";
    InboundDecision d = ClassifyInbound(m, Case3());
    CHECK(d.action == InboundAction::kRecordOnly);
    CHECK(d.case_id == 3);
  }
}

TEST_CASE("mail thread: a Message-ID received before is a duplicate", "[core][mail]") {
  InboundMail m = From("reporter@reporter.example", "Heap overflow");
  m.message_id = "first@reporter.example";
  InboundDecision d = ClassifyInbound(m, Case3());
  CHECK(d.action == InboundAction::kDuplicate);
  CHECK(d.case_id == 3);
  SECTION("an id srcbot sent is not a duplicate: a stranger could reuse it") {
    m.message_id = "srcbot.aa@src.example";
    CHECK(ClassifyInbound(m, Case3()).action != InboundAction::kDuplicate);
  }
  SECTION("no Message-ID is never a duplicate") {
    m.message_id.clear();
    CHECK(ClassifyInbound(m, Case3()).action == InboundAction::kNewCase);
  }
}

TEST_CASE("mail thread: subject tags and the keys to look up", "[core][mail]") {
  CHECK(SubjectCaseTags("Re: [SRC-3] and [src-12] but not [SRC-] [SRC-x] [SRC-5 ] [SRC-0]") ==
        std::vector<CaseId>{3, 12});
  CHECK(SubjectCaseTags("[SRC-99999999999999999999999]").empty());
  CHECK(SubjectCaseTags("[SRC-7").empty());
  InboundMail m = From("a@b.example", "[SRC-3] x");
  m.in_reply_to = "p@x";
  m.references = {"r1@x", "r2@x"};
  ThreadKeys k = KeysOf(m);
  CHECK(k.message_ids == std::vector<std::string>{"new-1@reporter.example", "p@x", "r2@x", "r1@x"});
  CHECK(k.subject_cases == std::vector<CaseId>{3});
}
