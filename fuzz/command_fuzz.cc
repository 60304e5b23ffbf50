// Whole /src commands through CommandService::Handle over the in-memory store
// the tests use. The input is a session, one command per line, each in the SRC
// channel as alice; a line starting with '!' runs as eve, who is not on the
// SRC, in a public channel. The clock moves an hour per line, and the
// reminder and committee ticks run at the end, so deadlines fire on whatever
// state the session built. Every input starts from the same fresh store.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "commands/command_service.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"

using namespace srcbot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view session(reinterpret_cast<const char*>(data), size);
  testing::MemoryCaseStore store;
  testing::FakeClock clock(testing::TestNow());
  store.clock = &clock;
  commands::CommandService service(store, clock, {"src", core::DeadlinePolicy{}});
  (void)store.SeedMembers({"alice", "bob"}, clock.Now());

  while (!session.empty()) {
    size_t end = session.find('\n');
    std::string_view line = session.substr(0, end);
    session.remove_prefix(end == std::string_view::npos ? session.size() : end + 1);
    commands::Invocation in{"alice", "src", std::string(line)};
    if (line.starts_with('!')) in = {"eve", "general", std::string(line.substr(1))};
    (void)service.Handle(in);
    clock.Advance(std::chrono::hours(1));
  }
  clock.Advance(std::chrono::hours(24 * 30));
  (void)service.ReminderTick(clock.Now());
  (void)service.CommitteeTick(clock.Now());
  return 0;
}
