#include "app/key_replies.h"

namespace srcbot::app {

core::Result<mail::KeyReplies> KeyRepliesFor(const config::Config& cfg,
                                             const mail::GpgKeyring& keyring,
                                             std::function<std::string()> message_id) {
  auto armored = keyring.ExportPublic();
  if (!armored.ok()) {
    return core::Status::Invalid("--pgp-home: the SRC's public key cannot be exported: " +
                                 armored.status().message());
  }
  return mail::KeyReplies{{cfg.mail_from, ""},
                          cfg.project,
                          {keyring.fingerprint(), std::move(armored).value()},
                          std::move(message_id)};
}

}  // namespace srcbot::app
