// The mail guard's rule (SPEC §7, "The embargo guard covers mail"): what an
// SRC member relies on when srcbot mails on a case's behalf.
#include "core/mail_guard.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

namespace {

const MailFacts kFacts{
    "rita@finder.example", "security@src.example", {"dev@lists.example", "retro@lists.example"}};

Case Embargoed() {
  Case c;
  c.id = 4;
  c.title = "Heap overflow in the parser";
  c.embargoed = true;
  return c;
}

Case Released() {
  Case c = Embargoed();
  c.embargoed = false;
  c.released_at = TimePoint{std::chrono::seconds(1'796'119'200)};
  return c;
}

QueuedMail To(MailKind kind, std::vector<std::string> to, std::vector<std::string> cc = {}) {
  QueuedMail q;
  q.case_id = 4;
  q.kind = kind;
  for (auto& a : to) q.mail.to.push_back({a, ""});
  for (auto& a : cc) q.mail.cc.push_back({a, ""});
  return q;
}

}  // namespace

TEST_CASE("mail guard: under embargo, correspondence reaches only the reporter and the SRC",
          "[core][mail]") {
  const Case c = Embargoed();
  CHECK(JudgeMail(c, To(MailKind::kAck, {"rita@finder.example"}), kFacts).allowed);
  CHECK(JudgeMail(c, To(MailKind::kCorrespondence, {"RITA@Finder.Example"}), kFacts).allowed);
  CHECK(JudgeMail(c,
                  To(MailKind::kCorrespondence, {"rita@finder.example"}, {"security@src.example"}),
                  kFacts)
            .allowed);
  // A stranger on Cc is a leak, whoever else is addressed.
  MailVerdict cc = JudgeMail(
      c, To(MailKind::kCorrespondence, {"rita@finder.example"}, {"press@news.example"}), kFacts);
  CHECK_FALSE(cc.allowed);
  CHECK_THAT(cc.reason, Catch::Contains("press@news.example"));
  CHECK_THAT(cc.reason, Catch::Contains("neither the reporter of SRC-4"));
  // A look-alike of the reporter's address is not the reporter.
  CHECK_FALSE(JudgeMail(c, To(MailKind::kAck, {"rita@finder.example.evil"}), kFacts).allowed);
  CHECK_FALSE(JudgeMail(c, To(MailKind::kAck, {}), kFacts).allowed);
}

TEST_CASE("mail guard: a case with no reporter address mails nobody but the SRC", "[core][mail]") {
  MailFacts facts = kFacts;
  facts.reporter.clear();
  const Case c = Embargoed();
  // An empty reporter must not match an empty or any other address.
  CHECK_FALSE(JudgeMail(c, To(MailKind::kAck, {""}), facts).allowed);
  CHECK_FALSE(JudgeMail(c, To(MailKind::kAck, {"rita@finder.example"}), facts).allowed);
  CHECK(JudgeMail(c, To(MailKind::kCorrespondence, {"security@src.example"}), facts).allowed);
}

TEST_CASE("mail guard: case details never go to a list, before release or after", "[core][mail]") {
  for (const Case& c : {Embargoed(), Released()}) {
    MailVerdict v = JudgeMail(c, To(MailKind::kCorrespondence, {"dev@lists.example"}), kFacts);
    CHECK_FALSE(v.allowed);
    CHECK_THAT(v.reason, Catch::Contains("is a list"));
    CHECK_FALSE(
        JudgeMail(c, To(MailKind::kAck, {"rita@finder.example"}, {"Retro@Lists.Example"}), kFacts)
            .allowed);
  }
}

TEST_CASE("mail guard: the announcement and retrospective go to lists only after release",
          "[core][mail]") {
  MailVerdict early =
      JudgeMail(Embargoed(), To(MailKind::kAnnouncement, {"dev@lists.example"}), kFacts);
  CHECK_FALSE(early.allowed);
  CHECK_THAT(early.reason, Catch::Contains("SRC-4 is under embargo"));
  // Lifting the embargo by hand is not a release: nothing was published yet.
  Case lifted = Embargoed();
  lifted.embargoed = false;
  CHECK_FALSE(
      JudgeMail(lifted, To(MailKind::kRetrospective, {"retro@lists.example"}), kFacts).allowed);

  const Case c = Released();
  CHECK(JudgeMail(c, To(MailKind::kAnnouncement, {"dev@lists.example"}), kFacts).allowed);
  CHECK(JudgeMail(c, To(MailKind::kRetrospective, {"retro@lists.example"}), kFacts).allowed);
  // A list mail goes to configured lists alone: not to a person, not on Cc.
  MailVerdict person = JudgeMail(c, To(MailKind::kAnnouncement, {"rita@finder.example"}), kFacts);
  CHECK_FALSE(person.allowed);
  CHECK_THAT(person.reason, Catch::Contains("is not a configured list"));
  CHECK_FALSE(
      JudgeMail(c, To(MailKind::kAnnouncement, {"dev@lists.example"}, {"x@y.example"}), kFacts)
          .allowed);
}
