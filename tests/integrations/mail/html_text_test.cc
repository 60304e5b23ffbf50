#include "integrations/mail/html_text.h"

#include <catch2/catch.hpp>

using srcbot::mail::HtmlToText;

TEST_CASE("html text: tags dropped, blocks become lines, entities decoded", "[mail]") {
  CHECK(HtmlToText("<html><head><title>t</title><style>p{color:red}</style></head>"
                   "<body><p>Hello&nbsp;&amp; <b>welcome</b>,</p><p>line&lt;2&gt;<br>next</p>"
                   "<script>alert(1)</script><!-- hidden --><div>&#233;&#x20AC;&euro;&bogus;</div>"
                   "</body></html>") ==
        "Hello & welcome,\n\nline<2>\nnext\n\n\u00e9\u20ac\u20ac&bogus;");
}

TEST_CASE("html text: whitespace collapses, but not inside pre", "[mail]") {
  CHECK(HtmlToText("a   b\r\n\t c") == "a b c");
  CHECK(HtmlToText("<pre>int  main()\r\n{\n  return 0;\n}</pre>after") ==
        "int  main()\n{\n  return 0;\n}\nafter");
}

TEST_CASE("html text: broken markup ends quietly", "[mail]") {
  CHECK(HtmlToText("text <b unfinished") == "text");
  CHECK(HtmlToText("a <!-- never closed") == "a");
  CHECK(HtmlToText("<script>never closed") == "");
  CHECK(HtmlToText("&#0; &#xD800; &#99999999; &#123456789;") ==
        "\ufffd \ufffd \ufffd &#123456789;");
  CHECK(HtmlToText("") == "");
}
