#pragma once
// Mailbox: the SRC's mail folders as the intake uses them (SPEC §7,
// "Intake"): list what is in a folder, fetch one message's raw bytes, move it
// on once its case change is committed, and make the done/failed folders.
// ImapMailbox is the real one; tests and the console may use a fake.
//
// Folder names use '/' between levels ("srcbot/processed") whatever the
// server's own separator. Messages are named by IMAP UID, stable within a
// folder. Errors: kUnavailable (server unreachable, timed out, connection
// dropped: try again later), kPermissionDenied (login refused, TLS not
// verified), kNotFound (no such message), kInvalidArgument (the server
// refused the command, a name it cannot take, a message over the size
// limit). Implementations are thread-compatible: one caller at a time.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace srcbot::mail {

class Mailbox {
 public:
  virtual ~Mailbox() = default;
  // Every message's UID in `folder`, ascending.
  virtual core::Result<std::vector<std::uint32_t>> ListUids(const std::string& folder) = 0;
  // The raw bytes (RFC 5322) of message `uid` in `folder`.
  virtual core::Result<std::string> Fetch(const std::string& folder, std::uint32_t uid) = 0;
  // Moves message `uid` from `folder` to `to` (which must exist).
  virtual core::Status Move(const std::string& folder, std::uint32_t uid, const std::string& to) = 0;
  // Creates `folder` (and its parents) unless it exists; ok when it does.
  virtual core::Status EnsureFolder(const std::string& folder) = 0;
};

}  // namespace srcbot::mail
