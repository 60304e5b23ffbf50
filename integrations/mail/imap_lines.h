#pragma once
// Reading IMAP response lines one at a time, for the IDLE connection
// (imap_idler.h), where libcurl is only the transport and srcbot speaks the
// protocol itself; and quoting a string (a login name, a password) into a
// command. Pure.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace srcbot::mail {

struct ImapLine {
  enum class Kind {
    kContinuation,  // "+ idling": the server waits for us (IDLE accepted)
    kOk,            // "<tag> OK …": our command is done
    kNo,            // "<tag> NO …": refused
    kBad,           // "<tag> BAD …": not understood
    kExists,        // "* <n> EXISTS"
    kRecent,        // "* <n> RECENT"
    kBye,           // "* BYE …": the server is closing the connection
    kOther,         // anything else (other untagged data, another tag)
  };
  Kind kind = Kind::kOther;
  std::uint32_t number = 0;  // kExists, kRecent
};

// One line, with or without its CRLF; `tag` is the tag of the command in
// flight ("s3"). Tags and keywords are compared without regard to case.
ImapLine ParseImapLine(std::string_view line, std::string_view tag);

// `s` as an IMAP quoted string ("a\"b" for a"b). Only 7-bit text without
// CR, LF and NUL fits one: kInvalidArgument otherwise (the message does not
// contain `s`: it may be a password).
core::Result<std::string> QuoteImapString(std::string_view s);

}  // namespace srcbot::mail
