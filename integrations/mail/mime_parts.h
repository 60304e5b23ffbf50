#pragma once
// Internal to the parser (mime_parser.cc): the walk over a message's MIME
// tree that picks the text body and records the attachments.

#include <gmime/gmime.h>

#include <string>
#include <string_view>

#include "core/mail.h"
#include "integrations/mail/mime_parser.h"

namespace srcbot::mail {

// Fills mail.text_body, html_only_converted, attachments and problems from
// the tree under `root` (may be null: no body).
void ReadBody(GMimeObject* root, const ParseOptions& options, core::InboundMail& mail);

// `bytes` as valid UTF-8: kept when it is; else read as Windows-1252 (what
// unlabelled 8-bit mail mostly is), else invalid sequences replaced by U+FFFD.
// NUL bytes are dropped. Returns whether the bytes had to be converted.
bool ToUtf8(std::string_view bytes, std::string& out);

}  // namespace srcbot::mail
