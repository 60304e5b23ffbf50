#pragma once
// A CommandService over an in-memory store, with alice and bob on the SRC.

#include <string>

#include "commands/command_service.h"
#include "core/markup.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"

namespace srcbot::testing {

using commands::Invocation;
using commands::Reply;

struct Fixture {
  MemoryCaseStore store;
  FakeClock clock{TestNow()};
  commands::ServiceOptions options{"src", core::DeadlinePolicy{}};
  commands::CommandService service{store, clock, options};

  Fixture() { (void)store.SeedMembers({"alice", "bob"}, clock.Now()); }

  Reply Run(const std::string& text, const std::string& user = "alice",
            const std::string& channel = "src") {
    return service.Handle(Invocation{user, channel, text});
  }

  // Everything a command could change, to prove an error changed nothing.
  std::string Snapshot() {
    std::string s;
    for (const auto& [id, c] : store.cases)
      s += core::CaseRef(id) + std::string(core::StageName(c.stage)) + c.lead;
    return s + "|" + std::to_string(store.events.size()) + "|" +
           std::to_string(store.outbox.size());
  }
};

// Case SRC-1 (acme/widget) ready for `release`: fixed, scored, summarised
// and with a release day.
inline void ReadyToRelease(Fixture& f) {
  f.Run("report \"Heap overflow\" --repo acme/widget");
  f.Run("ack SRC-1");
  f.Run("triage SRC-1 --replicated yes");
  f.Run("team SRC-1 add @dana");
  f.Run("fixed SRC-1");
  f.Run("cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  f.Run("summary SRC-1 \"A crafted file crashes the parser.\"");
  f.Run("release-day SRC-1 next");
}

}  // namespace srcbot::testing
