#pragma once
// Reading the untagged IMAP responses (RFC 3501 / 9051) that libcurl hands
// back for a custom command, and quoting a mailbox name into one. Only what
// ImapMailbox sends is read; anything else in the text is skipped. Pure.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace srcbot::mail {

// The numbers of every "* SEARCH n n …" line, ascending, without repeats.
std::vector<std::uint32_t> ParseSearch(std::string_view response);

// The capability atoms of "* CAPABILITY …" lines, upper-cased ("MOVE", "UIDPLUS").
std::set<std::string> ParseCapabilities(std::string_view response);

// The hierarchy delimiter of the first "* LIST (…) "<d>" …" line; nullopt for
// NIL (a flat server) or no LIST line.
std::optional<char> ParseListDelimiter(std::string_view response);

// True when the response holds a "* LIST" line.
bool HasListLine(std::string_view response);

// `name` as an IMAP quoted string: "INBOX", "srcbot/processed". Only
// printable ASCII is taken (a non-ASCII name would need modified UTF-7):
// kInvalidArgument otherwise, and for an empty name.
core::Result<std::string> QuoteMailbox(std::string_view name);

}  // namespace srcbot::mail
