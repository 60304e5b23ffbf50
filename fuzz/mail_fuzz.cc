// The intake's mail parser: the input is one raw message as it would come
// from IMAP. Whatever it is, ParseMail must not crash and what it returns
// must hold to its contract (integrations/mail/mime_parser.h): valid UTF-8,
// header text within its bound, kept content within the size limit. The
// parsed mail then goes through threading, and a reply to it through the
// header check and the MIME builder, which must build whatever the check
// lets through, and parse back with the same Message-ID.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/mail_headers.h"
#include "core/mail_reply.h"
#include "core/mail_thread.h"
#include "core/utf8.h"
#include "integrations/mail/html_text.h"
#include "integrations/mail/mime_builder.h"
#include "integrations/mail/mime_parser.h"

using namespace srcbot;

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckText(const std::string& s, std::size_t max) {
  Check(core::IsValidUtf8(s));
  Check(s.size() <= max);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  mail::ParseOptions options;
  options.max_bytes = 4096;  // small, so the over-the-limit paths are reached
  options.max_header_bytes = 256;
  options.max_attachments = 8;
  auto parsed = mail::ParseMail(raw, options);
  (void)mail::HtmlToText(raw);
  if (!parsed.ok()) return 0;
  const core::InboundMail& m = parsed.value();
  CheckText(m.subject, options.max_header_bytes);
  CheckText(m.from.address, options.max_header_bytes);
  CheckText(m.from.display_name, options.max_header_bytes);
  CheckText(m.message_id, options.max_header_bytes);
  Check(core::IsValidUtf8(m.text_body) && m.text_body.size() <= options.max_bytes);
  Check(m.attachments.size() <= options.max_attachments);
  std::size_t kept = 0;
  for (const core::MailAttachment& a : m.attachments) {
    Check(core::IsValidUtf8(a.name));
    Check(a.sha256_hex.size() == 64);
    Check(a.content_kept ? a.content.size() == a.size : a.content.empty());
    if (a.content_kept) kept += a.size;
  }
  Check(kept <= options.max_bytes);

  core::KnownThreads known;
  if (!m.references.empty()) known.sent[m.references.back()] = 1;
  known.reporters[2] = m.from.address;
  core::InboundDecision d = core::ClassifyInbound(m, known);
  Check(d.action != core::InboundAction::kDuplicate);

  std::array<std::uint8_t, 16> random{};
  auto id = core::MakeMessageId(random, "security@src.example");
  Check(id.ok());
  core::OutgoingMail reply = core::MakeReply(m, 2, {"security@src.example", "SRC"}, id.value(),
                                             core::TimePoint{}, m.text_body);
  Check(core::IsHeaderSafe(reply.subject));
  if (!core::CheckOutgoingHeaders(reply).ok()) return 0;
  auto built = mail::BuildMail(reply);
  Check(built.ok());
  auto back = mail::ParseMail(built.value());
  Check(back.ok() && back.value().message_id == reply.message_id);
  return 0;
}
