#pragma once
// The state-changing commands of the case lifecycle, as values. The commands/
// layer builds them from `/src` text; the state machine applies them.

#include <optional>
#include <string>
#include <variant>

#include "core/case.h"
#include "core/time.h"

namespace srcbot::core {

struct ReportCommand {
  std::string title;
  std::string repo;
  std::optional<TimePoint> received;  // defaults to now
  std::string reporter;
  Via via = Via::kEmail;
};
struct AckCommand {};
struct LeadCommand {
  UserId user;
};
struct TriageCommand {
  bool replicated = false;
  std::string repo;
  std::string affected;
  std::string upstream;
};
struct TeamAddCommand {
  UserId user;
  bool outside = false;
  std::string github;
};
struct TeamRemoveCommand {
  UserId user;
};
struct ApproveCommand {
  UserId user;
};
struct ReporterCommand {
  UserId user;
  bool private_contact = false;
  std::string credit;
};
struct FixedCommand {};
struct SlowCommand {
  std::string reason;
};
struct PublicCommand {};
struct GoingPublicCommand {
  bool accepted = false;  // reporter accepted private handling; refused makes the case public
};
struct CloseCommand {
  Resolution resolution = Resolution::kNone;
};
// Scores the case with a CVSS v3.0/v3.1/v4.0 vector (core/cvss.h).
struct CvssCommand {
  std::string vector;
};

using Command = std::variant<ReportCommand, AckCommand, LeadCommand, TriageCommand, TeamAddCommand,
                             TeamRemoveCommand, ApproveCommand, ReporterCommand, FixedCommand,
                             SlowCommand, PublicCommand, GoingPublicCommand, CloseCommand,
                             CvssCommand>;

// Who runs a command: a Slack user, and whether they sit on the SRC.
struct Actor {
  UserId user;
  bool src_member = false;
  std::string channel;  // where they typed it, for the timeline
};

}  // namespace srcbot::core
