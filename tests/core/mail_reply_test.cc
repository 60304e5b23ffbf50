#include "core/mail_reply.h"

#include <array>
#include <catch2/catch.hpp>

#include "core/mail_headers.h"

using namespace srcbot::core;

TEST_CASE("mail reply: the subject carries Re: and the case tag once", "[core][mail]") {
  CHECK(ReplySubject(3, "Heap overflow") == "Re: [SRC-3] Heap overflow");
  CHECK(ReplySubject(3, "Re: [SRC-3] Heap overflow") == "Re: [SRC-3] Heap overflow");
  CHECK(ReplySubject(3, "RE: re:[src-3] Re: Heap overflow") == "Re: [SRC-3] Heap overflow");
  // Another case's tag is the reporter's text and stays.
  CHECK(ReplySubject(3, "[SRC-30] x") == "Re: [SRC-3] [SRC-30] x");
  CHECK(ReplySubject(3, "") == "Re: [SRC-3]");
  CHECK(ReplySubject(3, "Re: ") == "Re: [SRC-3]");
  CHECK(CaseSubject(7, "Heap overflow") == "[SRC-7] Heap overflow");
}

TEST_CASE("mail reply: subjects from people are sanitised and bounded", "[core][mail]") {
  std::string s = ReplySubject(3, "Re:\r\n[SRC-3] x\r\nBcc: everyone@lists.example");
  CHECK(s == "Re: [SRC-3] x Bcc: everyone@lists.example");
  CHECK(IsHeaderSafe(s));
  // 300 two-byte characters: cut to at most kMaxSubjectText bytes, on a boundary.
  std::string long_title;
  for (int i = 0; i < 300; ++i) long_title += "é";
  std::string cut = CaseSubject(1, long_title);
  CHECK(cut.size() <= std::string("[SRC-1] ").size() + kMaxSubjectText);
  CHECK(cut.size() % 2 == 0);  // "[SRC-1] " is 8 bytes; whole characters follow
  CHECK(cut.ends_with("é"));
}

TEST_CASE("mail reply: Message-IDs from the injected random bytes", "[core][mail]") {
  std::array<std::uint8_t, 16> random{};
  for (std::size_t i = 0; i < random.size(); ++i) random[i] = static_cast<std::uint8_t>(i * 17);
  auto id = MakeMessageId(random, "security@src.example");
  REQUIRE(id.ok());
  CHECK(id.value() == "srcbot.00112233445566778899aabbccddeeff@src.example");
  CHECK(IsValidMessageId(id.value()));
  CHECK(MakeMessageId(std::span(random).first(15), "security@src.example").status().code() ==
        Code::kInvalidArgument);
  CHECK(MakeMessageId(random, "security@src.example\r\nBcc: x@y").status().code() ==
        Code::kInvalidArgument);
}

TEST_CASE("mail reply: threading headers of a reply", "[core][mail]") {
  InboundMail parent;
  parent.message_id = "m3@reporter.example";
  parent.in_reply_to = "m2@src.example";
  parent.references = {"m1@reporter.example", "bad id\r\nX: y", "m2@src.example"};
  parent.from = {"reporter@reporter.example", "Reporter"};
  parent.subject = "Re: [SRC-4] crash";
  CHECK(ReplyReferences(parent) ==
        std::vector<std::string>{"m1@reporter.example", "m2@src.example", "m3@reporter.example"});
  SECTION("no References: In-Reply-To, then the parent") {
    parent.references.clear();
    CHECK(ReplyReferences(parent) ==
          std::vector<std::string>{"m2@src.example", "m3@reporter.example"});
  }
  SECTION("a long chain keeps the root and the newest") {
    parent.references.clear();
    for (int i = 0; i < 50; ++i) parent.references.push_back("r" + std::to_string(i) + "@x");
    std::vector<std::string> refs = ReplyReferences(parent);
    CHECK(refs.size() == kMaxReferences);
    CHECK(refs.front() == "r0@x");
    CHECK(refs[1] == "r32@x");
    CHECK(refs.back() == "m3@reporter.example");
  }
  SECTION("the whole reply") {
    OutgoingMail reply = MakeReply(parent, 4, {"security@src.example", "SRC"}, "srcbot.1@src.example",
                                   TimePoint{std::chrono::seconds(1'800'000'000)}, "Thanks.");
    CHECK(reply.to.size() == 1);
    CHECK(reply.to[0].address == "reporter@reporter.example");
    CHECK(reply.subject == "Re: [SRC-4] crash");
    CHECK(reply.in_reply_to == "m3@reporter.example");
    CHECK(reply.references.back() == "m3@reporter.example");
    CHECK(CheckOutgoingHeaders(reply).ok());
  }
}
