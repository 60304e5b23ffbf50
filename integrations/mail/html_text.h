#pragma once
// The readable text of an HTML mail part, for reports sent as HTML only
// (SPEC §7 keeps a text body per message). Not an HTML parser: tags are
// dropped, block-level ends become line breaks, script, style and head
// content and comments are left out, whitespace is collapsed outside <pre>,
// and character references (&amp;, &#233;, &#x20AC; and the common named
// ones) are decoded. Linear in the input; pure.

#include <string>
#include <string_view>

namespace srcbot::mail {

// `html` is UTF-8; so is the result, trimmed, with at most one blank line in a row.
std::string HtmlToText(std::string_view html);

}  // namespace srcbot::mail
