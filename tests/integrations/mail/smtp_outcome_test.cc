#include <catch2/catch.hpp>

#include "integrations/mail/smtp_sender.h"

using srcbot::mail::ClassifySmtp;
using Kind = srcbot::mail::SendOutcome::Kind;

TEST_CASE("smtp outcome: the server's code decides, else the connection", "[mail]") {
  CHECK(ClassifySmtp(CURLE_OK, 250, "").kind == Kind::kSent);
  CHECK(ClassifySmtp(CURLE_SEND_ERROR, 451, "").kind == Kind::kTemporary);
  CHECK(ClassifySmtp(CURLE_SEND_ERROR, 550, "").kind == Kind::kPermanent);
  CHECK(ClassifySmtp(CURLE_LOGIN_DENIED, 535, "").kind == Kind::kPermanent);
  CHECK(ClassifySmtp(CURLE_COULDNT_CONNECT, 0, "").kind == Kind::kTemporary);
  CHECK(ClassifySmtp(CURLE_OPERATION_TIMEDOUT, 354, "").kind == Kind::kTemporary);
  CHECK(ClassifySmtp(CURLE_GOT_NOTHING, 354, "").kind == Kind::kTemporary);
  CHECK(ClassifySmtp(CURLE_PEER_FAILED_VERIFICATION, 0, "").kind == Kind::kPermanent);
  CHECK(ClassifySmtp(CURLE_USE_SSL_FAILED, 250, "").kind == Kind::kPermanent);
  CHECK_THAT(ClassifySmtp(CURLE_COULDNT_CONNECT, 0, "Connection refused").detail,
             Catch::Contains("Connection refused"));
}
