#pragma once
// The case state machine (SPEC §1): a pure function from (case, command, actor,
// now) to the change it makes, or an error value. It enforces stage order,
// flags and who may do what (SPEC §2, last paragraph). It never reads the clock
// and performs no I/O; the caller commits the returned Change.

#include "core/change.h"
#include "core/command.h"
#include "core/result.h"

namespace srcbot::core {

// Opens case `id` from a report. Only SRC members may report. `received` may
// not lie in the future.
Result<Change> OpenCase(CaseId id, const ReportCommand& report, const Actor& actor, TimePoint now);

// Applies a lifecycle command to an existing case. On error the case is not
// changed (the caller commits nothing). A ReportCommand here is an error.
Result<Change> ApplyCommand(const Case& current, const Command& command, const Actor& actor,
                            TimePoint now);

// The stages in which a command of this kind is accepted.
bool AcceptedInStage(const Command& command, Stage stage);

}  // namespace srcbot::core
