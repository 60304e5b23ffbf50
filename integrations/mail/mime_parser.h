#pragma once
// The intake's parser: a received message's raw bytes (RFC 5322 + MIME) to a
// core::InboundMail, through GMime 3 (SPEC §7, "Intake").
//
// Hostile input is the normal case here: anyone can mail the SRC. Malformed
// MIME, 8-bit header bytes and unknown charsets are worked around and noted
// in InboundMail::problems; every string that comes out is valid UTF-8;
// decoded header text is cut to `max_header_bytes`; content beyond
// `max_bytes` is dropped with its metadata kept (InboundMail, MailAttachment).
// Time and memory are linear in the input.
//
// Thread-safe: any number of threads may parse at once (GMime is initialised
// once, each call has its own parser).

#include <cstddef>
#include <string_view>

#include "core/mail.h"
#include "core/result.h"
#include "integrations/mail/gpg_keyring.h"

namespace srcbot::mail {

struct ParseOptions {
  // Content kept per message: the text body first, then attachments in order
  // while they fit (SPEC §7 `--mail-max-bytes`). The text read out of an
  // HTML-only body is cut to it too, but not counted: the HTML is kept.
  std::size_t max_bytes = 25u << 20;
  // Bytes kept of a decoded Subject, display name or Message-ID.
  std::size_t max_header_bytes = 4096;
  // Attachments recorded per message; the rest are counted in one problem.
  std::size_t max_attachments = 500;
  // With a keyring (--pgp-home), encrypted bodies are decrypted (pgp_mime.h).
  const GpgKeyring* keyring = nullptr;
};

// kInvalidArgument when `raw` holds no message at all (empty, or no header);
// everything else parses, with what was wrong in `problems`.
core::Result<core::InboundMail> ParseMail(std::string_view raw, const ParseOptions& options = {});

}  // namespace srcbot::mail
