#include "core/markup.h"

#include <catch2/catch.hpp>

using namespace srcbot::core;

TEST_CASE("markup: escape and plain text round-trip user text") {
  std::string typed = "a < b && c > d <@U1>";
  CHECK(Escape(typed) == "a &lt; b &amp;&amp; c &gt; d &lt;@U1&gt;");
  CHECK(PlainText(Escape(typed)) == typed);
}

TEST_CASE("markup: mentions, channels and links read as plain text") {
  CHECK(PlainText(Mention("alice") + " in <#C1|src> and <#general>") == "@alice in #src and #general");
  CHECK(PlainText("see <https://x.dev/p|the PR> or <https://y.dev>") == "see the PR (https://x.dev/p) or https://y.dev");
  CHECK(PlainText("unclosed < here &amp; there") == "unclosed < here & there");
}
