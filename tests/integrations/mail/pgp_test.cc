// OpenPGP end to end with real GnuPG (SPEC §7): a reporter's gpg and the
// SRC's keyring, each in a throwaway home the test makes.
#include <catch2/catch.hpp>

#include "integrations/mail/gpg_keyring.h"
#include "integrations/mail/mime_builder.h"
#include "integrations/mail/mime_parser.h"
#include "integrations/mail/pgp_mime.h"
#include "tests/fakes/gpg_home.h"

using namespace srcbot;

namespace {

constexpr const char* kSrcUid = "Security Response Committee <security@src.example>";
constexpr const char* kRitaUid = "Rita Reporter <rita@reporter.example>";

// Both sides: the SRC's home opened as srcbot opens it, Rita's by gpg.
struct Parties {
  testing::GpgHome src{kSrcUid};
  testing::GpgHome rita{kRitaUid};
  std::unique_ptr<mail::GpgKeyring> keyring;

  Parties() {
    REQUIRE(!src.fingerprint().empty());
    REQUIRE(!rita.fingerprint().empty());
    auto opened = mail::GpgKeyring::Open(src.home());
    REQUIRE(opened.ok());
    keyring = std::move(opened).value();
    REQUIRE(rita.Import(src.ExportPublic()));  // Rita took the key from the policy page
  }
};

std::string Report(const std::string& content_type, const std::string& body,
                   const std::string& extra_headers = "") {
  return "From: Rita Reporter <rita@reporter.example>\r\n"
         "To: security@src.example\r\n"
         "Subject: Heap overflow in the parser\r\n"
         "Message-ID: <report-1@reporter.example>\r\n"
         "Date: Tue, 01 Dec 2026 09:00:00 +0000\r\n" +
         extra_headers + "MIME-Version: 1.0\r\nContent-Type: " + content_type + "\r\n\r\n" + body;
}

std::string PgpMime(const std::string& ciphertext) {
  return Report("multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b1\"",
                "--b1\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
                "--b1\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n" +
                    ciphertext + "\r\n--b1--\r\n");
}

// The bytes between the first boundary line and the next: what RFC 3156
// signs, and the signature part after it.
struct Split {
  std::string first;
  std::string second;
};
Split SplitMultipart(const std::string& raw) {
  std::size_t b = raw.find("boundary=\"");
  REQUIRE(b != std::string::npos);
  b += 10;
  const std::string boundary = "--" + raw.substr(b, raw.find('"', b) - b);
  std::size_t p1 = raw.find(boundary + "\r\n", raw.find("\r\n\r\n")) + boundary.size() + 2;
  std::size_t e1 = raw.find("\r\n" + boundary, p1);
  std::size_t p2 = e1 + 2 + boundary.size() + 2;
  std::size_t e2 = raw.find("\r\n" + boundary, p2);
  REQUIRE(e2 != std::string::npos);
  return {raw.substr(p1, e1 - p1), raw.substr(p2, e2 - p2)};
}

std::string AfterHeaders(const std::string& part) { return part.substr(part.find("\r\n\r\n") + 4); }

core::OutgoingMail Ack() {
  core::OutgoingMail m;
  m.from = {"security@src.example", "Security Response Committee"};
  m.to = {{"rita@reporter.example", "Rita Reporter"}};
  m.subject = "Re: [SRC-1] Heap overflow in the parser";
  m.message_id = "srcbot.1@src.example";
  m.in_reply_to = "report-1@reporter.example";
  m.date = core::TimePoint{std::chrono::seconds(1'796'119'200)};
  m.text_body = "We received your report as SRC-1.\nWe answer within 24 hours.\n";
  return m;
}

}  // namespace

TEST_CASE("pgp: a PGP/MIME report from the reporter's key becomes a readable mail", "[mail][pgp]") {
  Parties p;
  std::string inner =
      "Content-Type: text/plain; charset=utf-8\r\n\r\nparse() overflows on a 70000-byte name.\r\n";
  std::string raw = PgpMime(p.rita.EncryptTo(p.src.fingerprint(), inner));
  mail::ParseOptions options;
  options.keyring = p.keyring.get();
  auto parsed = mail::ParseMail(raw, options);
  REQUIRE(parsed.ok());
  CHECK(parsed.value().received_encrypted);
  CHECK_FALSE(parsed.value().decryption_failed);
  CHECK_THAT(parsed.value().text_body, Catch::Contains("overflows on a 70000-byte name"));
  CHECK(parsed.value().subject == "Heap overflow in the parser");

  // Without --pgp-home the same mail stays ciphertext: nothing is made up.
  auto plain = mail::ParseMail(raw);
  REQUIRE(plain.ok());
  CHECK_FALSE(plain.value().received_encrypted);
  CHECK(plain.value().text_body.find("70000") == std::string::npos);
}

TEST_CASE("pgp: an inline PGP message in the text is decrypted in place", "[mail][pgp]") {
  Parties p;
  std::string cipher = p.rita.EncryptTo(p.src.fingerprint(), "Crash with name=%n%n%n\n");
  auto parsed = mail::ParseMail(Report("text/plain; charset=us-ascii", "Hello SRC,\r\n\r\n" + cipher),
                                {25u << 20, 4096, 500, p.keyring.get()});
  REQUIRE(parsed.ok());
  CHECK(parsed.value().received_encrypted);
  CHECK_THAT(parsed.value().text_body, Catch::StartsWith("Hello SRC,"));
  CHECK_THAT(parsed.value().text_body, Catch::Contains("Crash with name=%n%n%n"));
  CHECK(parsed.value().text_body.find("BEGIN PGP MESSAGE") == std::string::npos);
}

TEST_CASE("pgp: a message that does not decrypt is kept and flagged, its content not made up",
          "[mail][pgp]") {
  Parties p;
  testing::GpgHome stranger{"Somebody Else <else@example.net>"};
  // Encrypted to a key that is not the SRC's.
  std::string cipher = p.rita.EncryptTo(p.rita.fingerprint(), "Content-Type: text/plain\r\n\r\nx\r\n");
  mail::ParseOptions options;
  options.keyring = p.keyring.get();
  auto parsed = mail::ParseMail(PgpMime(cipher), options);
  REQUIRE(parsed.ok());
  CHECK(parsed.value().decryption_failed);
  CHECK_FALSE(parsed.value().received_encrypted);
  REQUIRE_FALSE(parsed.value().problems.empty());
  CHECK_THAT(parsed.value().problems.back(), Catch::Contains("received encrypted, not readable"));
  // Garbage where the ciphertext should be: the same, no crash.
  auto junk = mail::ParseMail(PgpMime("-----BEGIN PGP MESSAGE-----\r\nAAAA\r\n-----END PGP MESSAGE-----"),
                              options);
  REQUIRE(junk.ok());
  CHECK(junk.value().decryption_failed);
}

TEST_CASE("pgp: a reporter's key from an attachment or Autocrypt is kept only for its owner",
          "[mail][pgp]") {
  Parties p;
  std::string key = p.rita.ExportPublic();
  std::string raw = Report("multipart/mixed; boundary=\"k\"",
                           "--k\r\nContent-Type: text/plain\r\n\r\nMy key is attached.\r\n"
                           "--k\r\nContent-Type: application/pgp-keys; name=\"rita.asc\"\r\n\r\n" +
                               key + "\r\n--k--\r\n");
  auto parsed = mail::ParseMail(raw);
  REQUIRE(parsed.ok());
  REQUIRE(parsed.value().openpgp_keys.size() == 1);
  CHECK(p.keyring->ImportFor(parsed.value().openpgp_keys[0], "someone@else.example").status().code() ==
        core::Code::kInvalidArgument);  // a key for Rita does not become somebody else's
  auto fpr = p.keyring->ImportFor(parsed.value().openpgp_keys[0], "RITA@reporter.example");
  REQUIRE(fpr.ok());
  CHECK(fpr.value() == p.rita.fingerprint());
  CHECK(p.keyring->CanEncryptTo(fpr.value()));

  // Autocrypt: the binary key, base64, in a header.
  testing::GpgHome carol{"Carol <carol@reporter.example>"};
  std::string binary = carol.ExportPublic(false);
  gchar* b64 = g_base64_encode(reinterpret_cast<const guchar*>(binary.data()), binary.size());
  std::string folded;
  for (std::size_t i = 0; b64[i]; ++i) {
    if (i % 70 == 0) folded += "\r\n ";
    folded += b64[i];
  }
  g_free(b64);
  auto autocrypt = mail::ParseMail(
      Report("text/plain", "hi\r\n", "Autocrypt: addr=carol@reporter.example; keydata=" + folded + "\r\n"));
  REQUIRE(autocrypt.ok());
  REQUIRE(autocrypt.value().openpgp_keys.size() == 1);
  auto carol_fpr = p.keyring->ImportFor(autocrypt.value().openpgp_keys[0], "carol@reporter.example");
  REQUIRE(carol_fpr.ok());
  CHECK(carol_fpr.value() == carol.fingerprint());
}

TEST_CASE("pgp: outgoing mail is signed; the reporter's gpg verifies it", "[mail][pgp]") {
  Parties p;
  REQUIRE(p.rita.Import(p.src.ExportPublic()));
  mail::PgpTransform transform(*p.keyring);
  auto built = mail::BuildMail(Ack(), transform);
  REQUIRE(built.ok());
  const std::string& raw = built.value();
  INFO(raw);
  CHECK_THAT(raw, Catch::Contains("multipart/signed"));
  CHECK_THAT(raw, Catch::Contains("protocol=\"application/pgp-signature\""));
  CHECK_THAT(raw, Catch::Contains("micalg=pgp-sha"));
  Split parts = SplitMultipart(raw);
  std::string signature = AfterHeaders(parts.second);
  CHECK(p.rita.Verify(parts.first, signature));
  std::string tampered = parts.first;
  tampered.replace(tampered.find("24 hours"), 8, "24 weeks");
  CHECK_FALSE(p.rita.Verify(tampered, signature));
  // And srcbot's own parser still reads the text of a signed mail.
  auto back = mail::ParseMail(raw);
  REQUIRE(back.ok());
  CHECK_THAT(back.value().text_body, Catch::Contains("We received your report as SRC-1."));
}

TEST_CASE("pgp: mail to a reporter whose key srcbot holds is encrypted and signed",
          "[mail][pgp]") {
  Parties p;
  auto fpr = p.keyring->ImportFor(p.rita.ExportPublic(), "rita@reporter.example");
  REQUIRE(fpr.ok());
  core::OutgoingMail m = Ack();
  m.encrypt_to_keys = {fpr.value()};
  mail::PgpTransform transform(*p.keyring);
  auto built = mail::BuildMail(m, transform);
  REQUIRE(built.ok());
  CHECK_THAT(built.value(), Catch::Contains("multipart/encrypted"));
  CHECK(built.value().find("We received your report") == std::string::npos);  // not in clear
  Split parts = SplitMultipart(built.value());
  CHECK_THAT(parts.first, Catch::Contains("Version: 1"));
  std::string inner = p.rita.Decrypt(AfterHeaders(parts.second));
  CHECK_THAT(inner, Catch::Contains("We received your report as SRC-1."));
  // The SRC can read its own sent copy.
  mail::ParseOptions options;
  options.keyring = p.keyring.get();
  auto own = mail::ParseMail(built.value(), options);
  REQUIRE(own.ok());
  CHECK(own.value().received_encrypted);
  CHECK_THAT(own.value().text_body, Catch::Contains("We answer within 24 hours."));

  // A key srcbot does not hold: nothing is built, so nothing goes out in clear.
  m.encrypt_to_keys = {"0000000000000000000000000000000000000000"};
  CHECK_FALSE(mail::BuildMail(m, transform).ok());
}

TEST_CASE("pgp: the SRC's public key goes out as an attachment", "[mail][pgp]") {
  Parties p;
  auto key = p.keyring->ExportPublic();
  REQUIRE(key.ok());
  CHECK_THAT(key.value(), Catch::StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
  core::OutgoingMail m = Ack();
  core::MailAttachment a;
  a.name = "src-public-key.asc";
  a.content_type = "application/pgp-keys";
  a.content = key.value();
  m.attachments = {a};
  auto built = mail::BuildMail(m);
  REQUIRE(built.ok());
  auto back = mail::ParseMail(built.value());
  REQUIRE(back.ok());
  REQUIRE(back.value().openpgp_keys.size() == 1);
  testing::GpgHome reader{"Reader <reader@example.org>"};
  REQUIRE(reader.Import(back.value().openpgp_keys[0]));
  std::string listing;
  reader.Gpg({"--list-keys", p.src.fingerprint()}, &listing);
  CHECK_THAT(listing, Catch::Contains("security@src.example"));

  m.attachments[0].name = "evil\r\nBcc: x@y";
  CHECK_FALSE(mail::BuildMail(m).ok());
}

TEST_CASE("pgp: a home without exactly one secret key is refused at start-up", "[mail][pgp]") {
  testing::TempDir empty;
  auto opened = mail::GpgKeyring::Open(empty.path().string());
  CHECK_FALSE(opened.ok());
}
