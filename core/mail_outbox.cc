#include "core/mail_outbox.h"

#include <array>
#include <utility>

namespace srcbot::core {
namespace {

constexpr std::array<std::pair<MailKind, std::string_view>, 5> kKinds = {{
    {MailKind::kAck, "ack"},
    {MailKind::kCorrespondence, "mail"},
    {MailKind::kAnnouncement, "announcement"},
    {MailKind::kRetrospective, "retrospective"},
    {MailKind::kKeyReply, "key-reply"},
}};

}  // namespace

std::string_view MailKindName(MailKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "mail";
}

std::optional<MailKind> ParseMailKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view MailStateName(MailState state) {
  switch (state) {
    case MailState::kPending:
      return "pending";
    case MailState::kSent:
      return "sent";
    case MailState::kHeld:
      return "held";
  }
  return "pending";
}

}  // namespace srcbot::core
