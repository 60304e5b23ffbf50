#include "integrations/mail/mime_builder.h"

#include "core/mail_headers.h"
#include "core/str_cat.h"
#include "core/utf8.h"
#include "integrations/mail/gmime_support.h"

namespace srcbot::mail {

namespace {

struct FormatOptionsFree {
  void operator()(GMimeFormatOptions* o) const { g_mime_format_options_free(o); }
};

void AddAddresses(GMimeMessage* message, GMimeAddressType type,
                  const std::vector<core::MailAddress>& addresses) {
  InternetAddressList* list = g_mime_message_get_addresses(message, type);
  for (const core::MailAddress& a : addresses) {
    GPtr<InternetAddress> mailbox(
        internet_address_mailbox_new(a.display_name.c_str(), a.address.c_str()));
    // UTF-8 in encoded words, as the subject and body; GMime would pick Latin-1 where it fits.
    internet_address_set_charset(mailbox.get(), "utf-8");
    internet_address_list_add(list, mailbox.get());
  }
}

// Text with every line break as CRLF: the canonical form of text/plain
// (RFC 2046), which a base64 body must carry inside its encoding.
std::string CanonicalLines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out.append("\r\n");
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out.append("\r\n");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// "<a@b> <c@d>": ids were checked (IsValidMessageId), so no quoting is needed.
std::string IdList(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    if (!out.empty()) out.push_back(' ');
    out.append(core::StrCat({"<", id, ">"}));
  }
  return out;
}

// An attachment as a base64 part; a type that does not parse is sent as
// application/octet-stream.
GMimeObject* AttachmentPart(const core::MailAttachment& a) {
  GPtr<GMimeContentType> type(g_mime_content_type_parse(nullptr, a.content_type.c_str()));
  const char* media = type ? g_mime_content_type_get_media_type(type.get()) : nullptr;
  const char* sub = type ? g_mime_content_type_get_media_subtype(type.get()) : nullptr;
  GMimePart* part = (media && sub) ? g_mime_part_new_with_type(media, sub)
                                   : g_mime_part_new_with_type("application", "octet-stream");
  GPtr<GMimeStream> content(g_mime_stream_mem_new_with_buffer(a.content.data(), a.content.size()));
  GPtr<GMimeDataWrapper> wrapper(
      g_mime_data_wrapper_new_with_stream(content.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part, wrapper.get());
  g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
  if (!a.name.empty()) g_mime_part_set_filename(part, a.name.c_str());
  return GMIME_OBJECT(part);
}

}  // namespace

core::Result<std::string> BuildMail(const core::OutgoingMail& mail) {
  NoTransform none;
  return BuildMail(mail, none);
}

core::Result<std::string> BuildMail(const core::OutgoingMail& mail, MailTransform& transform) {
  if (core::Status s = core::CheckOutgoingHeaders(mail); !s.ok()) return s;
  if (!core::IsValidUtf8(mail.text_body)) return core::Status::Invalid("mail body: not UTF-8");
  InitGmime();

  // pretty_headers: From, To, Subject, Date … in the usual order, plus MIME-Version.
  GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
  GMimeObject* object = GMIME_OBJECT(message.get());
  AddAddresses(message.get(), GMIME_ADDRESS_TYPE_FROM, {mail.from});
  AddAddresses(message.get(), GMIME_ADDRESS_TYPE_TO, mail.to);
  AddAddresses(message.get(), GMIME_ADDRESS_TYPE_CC, mail.cc);
  g_mime_message_set_subject(message.get(), mail.subject.c_str(), "utf-8");
  GDateTime* date = g_date_time_new_from_unix_utc(mail.date.time_since_epoch().count());
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);
  g_mime_message_set_message_id(message.get(), mail.message_id.c_str());
  if (!mail.in_reply_to.empty()) {
    g_mime_object_set_header(object, "In-Reply-To", IdList({mail.in_reply_to}).c_str(), nullptr);
  }
  if (!mail.references.empty()) {
    g_mime_object_set_header(object, "References", IdList(mail.references).c_str(), nullptr);
  }
  if (mail.auto_replied) g_mime_object_set_header(object, "Auto-Submitted", "auto-replied", nullptr);

  // The body as UTF-8 bytes, labelled so: g_mime_text_part_set_text would
  // re-encode it into whichever charset it finds smallest.
  std::string text = CanonicalLines(mail.text_body);
  GPtr<GMimeTextPart> body(g_mime_text_part_new_with_subtype("plain"));
  GPtr<GMimeStream> content(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
  GPtr<GMimeDataWrapper> wrapper(
      g_mime_data_wrapper_new_with_stream(content.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(GMIME_PART(body.get()), wrapper.get());
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(body.get()), "charset", "utf-8");
  if (mail.attachments.empty()) {
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(body.get()));
  } else {
    GPtr<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(body.get()));
    for (const core::MailAttachment& a : mail.attachments) {
      GPtr<GMimeObject> part(AttachmentPart(a));
      g_mime_multipart_add(mixed.get(), part.get());
    }
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(mixed.get()));
  }
  // Quoted-printable or base64 where needed: 7-bit survives every relay, and
  // a signature (the transform) must be made over the encoded form.
  g_mime_object_encode(object, GMIME_ENCODING_CONSTRAINT_7BIT);

  if (core::Status s = transform.Apply(mail, message.get()); !s.ok()) return s;

  std::unique_ptr<GMimeFormatOptions, FormatOptionsFree> format(g_mime_format_options_new());
  g_mime_format_options_set_newline_format(format.get(), GMIME_NEWLINE_FORMAT_DOS);
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  if (g_mime_object_write_to_stream(object, format.get(), out.get()) < 0) {
    return core::Status::Internal("mail: GMime could not write the message");
  }
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

}  // namespace srcbot::mail
