#pragma once
// The seam where OpenPGP goes (SPEC §7, "OpenPGP"; a later issue): a step
// applied to each built message after its headers and body are set and
// before it is written out, free to replace the message's MIME part (sign it
// as multipart/signed, encrypt it as multipart/encrypted) or add headers
// (Autocrypt). NoTransform is today's only implementation.

#include <gmime/gmime.h>

#include "core/mail.h"
#include "core/result.h"

namespace srcbot::mail {

class MailTransform {
 public:
  virtual ~MailTransform() = default;
  // Changes `message` (built from `mail`) in place. A non-ok Status stops the
  // build: a mail that should be encrypted is never sent in the clear.
  virtual core::Status Apply(const core::OutgoingMail& mail, GMimeMessage* message) = 0;
};

class NoTransform : public MailTransform {
 public:
  core::Status Apply(const core::OutgoingMail&, GMimeMessage*) override {
    return core::Status::Ok();
  }
};

}  // namespace srcbot::mail
