// Issue 19's OpenPGP "done when", through the real binary: srcbot serve with
// --pgp-home (the SRC's throwaway GnuPG home), a real Dovecot and aiosmtpd on
// 127.0.0.1. Rita's report is encrypted to the SRC key and carries her own
// key inside; it becomes a readable case, and the `ack` reaches her
// encrypted to her key and signed by the SRC's, as her gpg checks.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "integrations/mail/mime_parser.h"
#include "tests/fakes/dovecot_server.h"
#include "tests/fakes/gpg_home.h"
#include "tests/fakes/loopback_smtp_server.h"
#include "tests/scenario/mail_options.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot;
using namespace srcbot::testing;

namespace {

// Rita's mail program: the text and her public key, encrypted and signed
// to the SRC key, as PGP/MIME (RFC 3156).
std::string EncryptedReport(const GpgHome& rita, const std::string& src_fingerprint) {
  const std::string inner =
      "Content-Type: multipart/mixed; boundary=\"in\"\r\n\r\n"
      "--in\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
      "parse() overflows on a 70000-byte name.\r\n"
      "--in\r\nContent-Type: application/pgp-keys; name=\"rita.asc\"\r\n\r\n" +
      rita.ExportPublic() + "\r\n--in--\r\n";
  return "From: Rita Reporter <rita@reporter.example>\r\n"
         "To: security@src.example\r\n"
         "Subject: Encrypted report\r\n"
         "Date: Mon, 07 Dec 2026 09:00:00 +0000\r\n"
         "Message-ID: <enc-1@reporter.example>\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; "
         "boundary=\"b1\"\r\n\r\n"
         "--b1\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
         "--b1\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n" +
         rita.EncryptTo(src_fingerprint, inner) + "\r\n--b1--\r\n";
}

// The armored OpenPGP message in a multipart/encrypted mail.
std::string Ciphertext(const std::string& raw) {
  const std::size_t begin = raw.find("-----BEGIN PGP MESSAGE-----");
  const std::size_t end = raw.find("-----END PGP MESSAGE-----");
  if (begin == std::string::npos || end == std::string::npos) return "";
  return raw.substr(begin, end + 25 - begin);
}

}  // namespace

TEST_CASE("scenario: an encrypted report is read, and the ack goes back encrypted and signed",
          "[scenario][mail][pgp]") {
  GpgHome src{"Security Response Committee <security@src.example>"};
  GpgHome rita{"Rita Reporter <rita@reporter.example>"};
  REQUIRE(!src.fingerprint().empty());
  REQUIRE(!rita.fingerprint().empty());
  REQUIRE(rita.Import(src.ExportPublic()));
  DovecotServer dovecot;
  REQUIRE(dovecot.Start().ok());
  LoopbackSmtpServer smtp;
  REQUIRE(smtp.Start().ok());
  TempDir dir;
  MailOptions mail(dovecot, &smtp);
  mail.args.insert(mail.args.end(), {"--pgp-home", src.home()});

  Scenario s("http");
  s.extra_args = mail.args;
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());

  dovecot.Deliver(EncryptedReport(rita, src.fingerprint()));
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-1 by email from Rita Reporter"));
  CHECK(s.WaitForPost(kSrcChannel, "received encrypted"));
  CHECK(s.WaitForPost(kSrcChannel, "OpenPGP key " + rita.fingerprint() + " was kept"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("Encrypted report"));

  s.Command("ack SRC-1");
  for (int i = 0; i < 200 && smtp.Messages().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(smtp.Messages().size() == 1);
  const std::string raw = smtp.Messages()[0].raw;
  CHECK_THAT(raw, Catch::Contains("multipart/encrypted"));
  auto parsed = mail::ParseMail(raw);
  REQUIRE(parsed.ok());
  CHECK(parsed.value().in_reply_to == "enc-1@reporter.example");
  CHECK(parsed.value().text_body.find("SRC-1") == std::string::npos);  // nothing in clear

  // Rita's gpg decrypts it and finds the SRC's good signature inside.
  std::ofstream(dir.File("ack.asc")) << Ciphertext(raw);
  std::string status;
  REQUIRE(rita.Gpg({"--status-file", dir.File("status"), "--output", dir.File("ack.txt"),
                    "--decrypt", dir.File("ack.asc")}) == 0);
  std::ifstream in(dir.File("status"));
  status.assign(std::istreambuf_iterator<char>(in), {});
  CHECK_THAT(status, Catch::Contains("GOODSIG") && Catch::Contains("DECRYPTION_OKAY"));
  std::ifstream text(dir.File("ack.txt"));
  std::string decrypted((std::istreambuf_iterator<char>(text)), {});
  CHECK_THAT(decrypted, Catch::Contains("SRC-1"));
}
