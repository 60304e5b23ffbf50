#pragma once
// OpenPGP in MIME (RFC 3156) and inline, for the intake and for outgoing
// mail (SPEC §7, "OpenPGP"). The structure is GMime's objects, the
// cryptography GnuPG's through GpgKeyring. (GMime's own GPG context is not
// used: it can only use the process's one $GNUPGHOME, and srcbot's key
// lives in --pgp-home.)

#include <gmime/gmime.h>

#include "core/mail.h"
#include "core/result.h"
#include "integrations/mail/gpg_keyring.h"
#include "integrations/mail/mail_transform.h"

namespace srcbot::mail {

// Intake, before the body is read: a multipart/encrypted (PGP/MIME) body is
// decrypted and put in its place, and `mail.received_encrypted` set. When it
// does not decrypt, the message is left as it is (the ciphertext becomes an
// attachment), `mail.decryption_failed` is set and a problem noted.
void DecryptPgpMime(GMimeMessage* message, const GpgKeyring& keyring, core::InboundMail& mail);

// Intake, after the body is read: an inline "-----BEGIN PGP MESSAGE-----"
// block in the text is replaced by its plaintext, as above.
void DecryptInlinePgp(const GpgKeyring& keyring, core::InboundMail& mail);

// Intake: key material the sender offered, in `mail.openpgp_keys`: an
// attached application/pgp-keys part, or the Autocrypt header's keydata.
void CollectOfferedKeys(GMimeMessage* message, core::InboundMail& mail);

// Outgoing: signs every mail by the SRC key (multipart/signed), and
// encrypts and signs it instead (multipart/encrypted) when the mail names
// its recipients' keys (OutgoingMail::encrypt_to_keys) or the keyring holds
// a key for every recipient (GpgKeyring::KeyFor). Any failure stops
// the mail: it is never sent unsigned, or in the clear when it was to be
// encrypted.
class PgpTransform : public MailTransform {
 public:
  explicit PgpTransform(const GpgKeyring& keyring) : keyring_(keyring) {}
  core::Status Apply(const core::OutgoingMail& mail, GMimeMessage* message) override;

 private:
  std::vector<std::string> RecipientKeys(const core::OutgoingMail& mail) const;
  const GpgKeyring& keyring_;
};

}  // namespace srcbot::mail
