// cvss: score a case with a CVSS vector (docs/cvss.md).
#include "commands/case_change.h"
#include "commands/verb_table.h"
#include "core/markup.h"

namespace srcbot::commands {

core::Result<Reply> RunCvss(VerbContext& ctx, const Args& args) {
  if (args.positionals.size() < 2) {
    return core::Status::Invalid("cvss needs a case and a vector, like CVSS:3.1/AV:N/AC:L/…");
  }
  if (args.positionals.size() > 2) {
    return core::Status::Invalid("unexpected \"" + core::Escape(TokenText(args.positionals[2])) +
                                 "\": a vector has no spaces");
  }
  auto id = CaseArg(args, "cvss");
  if (!id.ok()) return id.status();
  const Token& vector = args.positionals[1];
  if (vector.kind != TokenKind::kWord && vector.kind != TokenKind::kQuoted) {
    return core::Status::Invalid("expected a CVSS vector, like CVSS:3.1/AV:N/AC:L/…, got \"" +
                                 core::Escape(TokenText(vector)) + "\"");
  }
  // The state machine scores it: an invalid vector changes nothing.
  return ChangeCase(ctx, id.value(), core::CvssCommand{vector.value});
}

}  // namespace srcbot::commands
