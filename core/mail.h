#pragma once
// Mail as the domain sees it (SPEC §7): a message received at the SRC's
// mailbox, as the intake needs it, and a message srcbot is about to send.
// Plain values: the MIME parser (integrations/mail/mime_parser) fills an
// InboundMail, the MIME builder turns an OutgoingMail into bytes. Pure.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace srcbot::core {

// "Alice <alice@example.org>": `address` is the addr-spec alone
// ("alice@example.org"), `display_name` the decoded phrase (may be empty).
struct MailAddress {
  std::string address;
  std::string display_name;
};

// One attachment. Its metadata is always kept; `content` only while the
// message's kept content stays within the size limit (content_kept false and
// content empty otherwise). `size` and `sha256_hex` describe the decoded
// content, whether kept or not.
struct MailAttachment {
  std::string name;          // the decoded file name; may be empty
  std::string content_type;  // "application/pdf"
  std::size_t size = 0;
  std::string sha256_hex;  // 64 lowercase hex digits
  bool content_kept = false;
  std::string content;
};

// A received message. Message-IDs are kept without their angle brackets.
struct InboundMail {
  std::string message_id;  // empty when the message had none
  std::string in_reply_to;
  std::vector<std::string> references;  // oldest first, as in the header
  MailAddress from;
  std::string subject;             // decoded (RFC 2047), UTF-8
  std::optional<TimePoint> date;   // the Date header; nullopt when absent or unreadable
  std::string text_body;           // UTF-8
  std::vector<MailAttachment> attachments;
  std::string raw_sha256_hex;  // of the raw bytes: a dedupe key for mail without a Message-ID

  // What tells an automatic message from a person's (SPEC §7, "recorded and
  // never answered"). The raw header values, trimmed; empty when absent.
  std::string auto_submitted;  // "auto-replied", "auto-generated", "no", …
  std::string precedence;      // "bulk", "junk", "list", …
  std::string list_id;         // List-Id: mailing-list traffic
  // Return-Path: nullopt when the header is absent; "" for the null path `<>`.
  std::optional<std::string> return_path;
  bool delivery_report = false;  // multipart/report (a DSN or MDN)

  bool html_only_converted = false;  // the text was made from an HTML part
  // OpenPGP (SPEC §7): the body came encrypted and was decrypted into the
  // fields above; or it came encrypted and could not be (then the text is
  // whatever was outside the ciphertext, usually nothing).
  bool received_encrypted = false;
  bool decryption_failed = false;
  // Public key material the sender offered (an application/pgp-keys
  // attachment, the Autocrypt header's keydata), armored or binary.
  std::vector<std::string> openpgp_keys;
  // What the parser had to work around or leave out, for a person: malformed
  // MIME, a header that was not valid UTF-8, an attachment over the limit.
  std::vector<std::string> problems;
};

// A message srcbot sends. Every field that becomes a header must pass
// CheckOutgoingHeaders (core/mail_headers.h); the builder refuses it otherwise.
struct OutgoingMail {
  MailAddress from;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::string subject;     // UTF-8; encoded by the builder when not ASCII
  std::string message_id;  // without angle brackets (MakeMessageId)
  std::string in_reply_to;
  std::vector<std::string> references;
  TimePoint date{};
  // Adds `Auto-Submitted: auto-replied`: for mail the bot sends on its own in
  // answer to a message (an acknowledgement), so the other side's
  // vacation responder stays quiet (RFC 3834).
  bool auto_replied = false;
  std::string text_body;  // UTF-8, sent as text/plain
  // Sent beside the text (multipart/mixed); `content` is what is sent.
  std::vector<MailAttachment> attachments;
  // OpenPGP fingerprints of the recipients' keys. Non-empty: the mail is
  // encrypted to them (and the SRC key) and signed; empty: only signed.
  // Both only when srcbot has an OpenPGP key (--pgp-home).
  std::vector<std::string> encrypt_to_keys;
};

}  // namespace srcbot::core
