#include "integrations/mail/pgp_mime.h"

#include <string_view>

#include "core/str_cat.h"
#include "integrations/mail/gmime_support.h"
#include "integrations/mail/mime_parts.h"

namespace srcbot::mail {

namespace {

constexpr std::string_view kBegin = "-----BEGIN PGP MESSAGE-----";
constexpr std::string_view kEnd = "-----END PGP MESSAGE-----";

struct FormatOptionsFree {
  void operator()(GMimeFormatOptions* o) const { g_mime_format_options_free(o); }
};

// An entity as the bytes that go on the wire, CRLF line ends: what a
// signature covers (RFC 3156 §5) and what encryption wraps.
std::string Canonical(GMimeObject* object) {
  std::unique_ptr<GMimeFormatOptions, FormatOptionsFree> format(g_mime_format_options_new());
  g_mime_format_options_set_newline_format(format.get(), GMIME_NEWLINE_FORMAT_DOS);
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_object_write_to_stream(object, format.get(), out.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// Parsed back from bytes, a part is written out byte for byte as read: the
// signed bytes and the sent bytes are then the same.
GMimeObject* ParsePart(const std::string& bytes) {
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  return g_mime_parser_construct_part(parser.get(), nullptr);
}

// A part holding `content` as it is (armored text), labelled `type`.
GMimePart* TextPart(const char* type, const char* subtype, const std::string& content,
                    const char* filename) {
  GMimePart* part = g_mime_part_new_with_type(type, subtype);
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(content.data(), content.size()));
  GPtr<GMimeDataWrapper> wrapper(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part, wrapper.get());
  g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_7BIT);
  if (filename) g_mime_part_set_filename(part, filename);
  return part;
}

std::string DecodedContent(GMimeObject* object) {
  if (!GMIME_IS_PART(object)) return {};
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(object));
  if (!content) return {};
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, out.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

void Failed(core::InboundMail& mail, const std::string& why) {
  mail.decryption_failed = true;
  mail.problems.push_back(core::StrCat({"received encrypted, not readable: ", why}));
}

}  // namespace

void DecryptPgpMime(GMimeMessage* message, const GpgKeyring& keyring, core::InboundMail& mail) {
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (!body || !GMIME_IS_MULTIPART_ENCRYPTED(body)) return;
  GMimeMultipart* multipart = GMIME_MULTIPART(body);
  if (g_mime_multipart_get_count(multipart) < 2) return Failed(mail, "a malformed PGP/MIME body");
  std::string ciphertext =
      DecodedContent(g_mime_multipart_get_part(multipart, GMIME_MULTIPART_ENCRYPTED_CONTENT));
  core::Result<Decrypted> plain = keyring.Decrypt(ciphertext);
  if (!plain.ok()) return Failed(mail, plain.status().message());
  GPtr<GMimeObject> inner(ParsePart(plain.value().plaintext));
  if (!inner) return Failed(mail, "the decrypted content is not MIME");
  g_mime_message_set_mime_part(message, inner.get());
  mail.received_encrypted = true;
}

void DecryptInlinePgp(const GpgKeyring& keyring, core::InboundMail& mail) {
  const std::size_t begin = mail.text_body.find(kBegin);
  if (begin == std::string::npos) return;
  const std::size_t end = mail.text_body.find(kEnd, begin);
  if (end == std::string::npos) return Failed(mail, "an inline PGP message without its end");
  const std::size_t stop = end + kEnd.size();
  core::Result<Decrypted> plain = keyring.Decrypt(mail.text_body.substr(begin, stop - begin));
  if (!plain.ok()) return Failed(mail, plain.status().message());
  std::string text;
  ToUtf8(plain.value().plaintext, text);
  mail.text_body = core::StrCat(
      {mail.text_body.substr(0, begin), text, mail.text_body.substr(stop)});
  mail.received_encrypted = true;
}

void CollectOfferedKeys(GMimeMessage* message, core::InboundMail& mail) {
  for (const core::MailAttachment& a : mail.attachments) {
    if (a.content_kept && a.content_type == "application/pgp-keys") {
      mail.openpgp_keys.push_back(a.content);
    }
  }
  // Autocrypt: "addr=a@b; [prefer-encrypt=mutual;] keydata=<base64>".
  const char* header = g_mime_object_get_header(GMIME_OBJECT(message), "Autocrypt");
  if (!header) return;
  std::string_view value(header);
  const std::size_t at = value.find("keydata=");
  if (at == std::string_view::npos) return;
  std::string base64;
  for (char c : value.substr(at + 8)) {
    if (c == ';') break;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') base64.push_back(c);
  }
  gsize size = 0;
  guchar* bytes = g_base64_decode(base64.c_str(), &size);
  if (bytes && size > 0) mail.openpgp_keys.emplace_back(reinterpret_cast<char*>(bytes), size);
  g_free(bytes);
}

// Every recipient's key, or none: a mail readable by some of its recipients
// only would be no mail to the others.
std::vector<std::string> PgpTransform::RecipientKeys(const core::OutgoingMail& mail) const {
  std::vector<std::string> keys;
  for (const auto* list : {&mail.to, &mail.cc}) {
    for (const core::MailAddress& a : *list) {
      std::string key = keyring_.KeyFor(a.address);
      if (key.empty()) return {};
      keys.push_back(key);
    }
  }
  return keys;
}

core::Status PgpTransform::Apply(const core::OutgoingMail& mail, GMimeMessage* message) {
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (!body) return core::Status::Internal("OpenPGP: the mail has no body");
  const std::string entity = Canonical(body);
  std::vector<std::string> keys = mail.encrypt_to_keys;
  if (keys.empty()) keys = RecipientKeys(mail);
  if (!keys.empty()) {
    core::Result<std::string> cipher = keyring_.EncryptSigned(entity, keys);
    if (!cipher.ok()) return cipher.status();
    GPtr<GMimeMultipartEncrypted> out(g_mime_multipart_encrypted_new());
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(out.get()), "protocol",
                                             "application/pgp-encrypted");
    g_mime_multipart_set_boundary(GMIME_MULTIPART(out.get()), nullptr);  // a fresh random one
    GPtr<GMimePart> version(TextPart("application", "pgp-encrypted", "Version: 1\r\n", nullptr));
    GPtr<GMimePart> data(TextPart("application", "octet-stream", cipher.value(), "encrypted.asc"));
    g_mime_multipart_add(GMIME_MULTIPART(out.get()), GMIME_OBJECT(version.get()));
    g_mime_multipart_add(GMIME_MULTIPART(out.get()), GMIME_OBJECT(data.get()));
    g_mime_message_set_mime_part(message, GMIME_OBJECT(out.get()));
    return core::Status::Ok();
  }
  core::Result<GpgKeyring::Signature> sig = keyring_.SignDetached(entity);
  if (!sig.ok()) return sig.status();
  GPtr<GMimeObject> signed_part(ParsePart(entity));
  if (!signed_part) return core::Status::Internal("OpenPGP: the signed part did not reparse");
  GPtr<GMimeMultipartSigned> out(g_mime_multipart_signed_new());
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(out.get()), "protocol",
                                           "application/pgp-signature");
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(out.get()), "micalg",
                                           sig.value().micalg.c_str());
  g_mime_multipart_set_boundary(GMIME_MULTIPART(out.get()), nullptr);
  GPtr<GMimePart> signature(
      TextPart("application", "pgp-signature", sig.value().armored, "signature.asc"));
  g_mime_multipart_add(GMIME_MULTIPART(out.get()), signed_part.get());
  g_mime_multipart_add(GMIME_MULTIPART(out.get()), GMIME_OBJECT(signature.get()));
  g_mime_message_set_mime_part(message, GMIME_OBJECT(out.get()));
  return core::Status::Ok();
}

}  // namespace srcbot::mail
