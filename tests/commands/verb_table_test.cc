#include "commands/verb_table.h"

#include <catch2/catch.hpp>
#include <set>

using namespace srcbot::commands;

TEST_CASE("verb table: every verb is findable, documented and has distinct flags") {
  std::set<std::string_view> names;
  for (const Verb& v : Verbs()) {
    INFO(v.name);
    CHECK(names.insert(v.name).second);
    CHECK(FindVerb(v.name) == &v);
    CHECK(v.usage.substr(0, v.name.size()) == v.name);
    CHECK_FALSE(v.summary.empty());
    CHECK(v.run);
    std::set<std::string> flags;
    for (const FlagSpec& f : v.flags) {
      CHECK(flags.insert(f.name).second);
      CHECK(v.usage.find("--" + f.name) != std::string_view::npos);  // usage shows every flag
    }
  }
  CHECK(FindVerb("relase") == nullptr);
  CHECK(FindVerb("") == nullptr);
}
