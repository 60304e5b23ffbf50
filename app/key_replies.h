#pragma once
// What the intake needs to answer key requests (docs/mail.md, "Key
// requests"), from the configuration and the SRC's keyring: --mail-from,
// --project, the SRC's public key and a source of Message-IDs.

#include <functional>
#include <string>

#include "config/options.h"
#include "core/result.h"
#include "integrations/mail/gpg_keyring.h"
#include "integrations/mail/mail_intake.h"

namespace srcbot::app {

// kInvalidArgument ("--pgp-home: …") when the public key cannot be
// exported: srcbot would promise a key it cannot send.
core::Result<mail::KeyReplies> KeyRepliesFor(const config::Config& cfg,
                                             const mail::GpgKeyring& keyring,
                                             std::function<std::string()> message_id);

}  // namespace srcbot::app
