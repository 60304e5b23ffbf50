#include "integrations/mail/mime_parts.h"

#include "core/str_cat.h"
#include "integrations/mail/gmime_support.h"
#include "integrations/mail/html_text.h"

namespace srcbot::mail {

namespace {

// Deeper than any real mail; GMime stops at its own limit first and warns.
constexpr int kMaxDepth = 64;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

struct Walk {
  const ParseOptions& options;
  core::InboundMail& mail;
  std::size_t budget;    // bytes of content still to be kept
  bool have_text = false;
  std::string html;      // the first inline text/html, for a mail with no text/plain
  bool have_html = false;
  std::size_t skipped_attachments = 0;
};

std::string MimeType(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (!type) return "application/octet-stream";
  GString_ mime(g_mime_content_type_get_mime_type(type));
  std::string out = mime ? mime.get() : "application/octet-stream";
  for (char& c : out) c = static_cast<char>(g_ascii_tolower(c));
  return out;
}

bool IsInline(GMimeObject* object) {
  return !(GMIME_IS_PART(object) && g_mime_part_is_attachment(GMIME_PART(object)));
}

// The decoded content of `part` (transfer encoding undone), in full.
std::string Decoded(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, mem.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// Size and SHA-256 of the decoded content without holding it in memory: a
// 50 MiB attachment over the limit is hashed as it streams past.
void Measure(GMimePart* part, std::size_t& size, std::string& sha256_hex) {
  GPtr<GMimeStream> sink(g_mime_stream_null_new());
  GPtr<GMimeStream> filtered(g_mime_stream_filter_new(sink.get()));
  GPtr<GMimeFilter> checksum(g_mime_filter_checksum_new(G_CHECKSUM_SHA256));
  g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), checksum.get());
  if (GMimeDataWrapper* content = g_mime_part_get_content(part)) {
    g_mime_data_wrapper_write_to_stream(content, filtered.get());
  }
  g_mime_stream_flush(filtered.get());
  size = GMIME_STREAM_NULL(sink.get())->written;
  GString_ hex(g_mime_filter_checksum_get_string(GMIME_FILTER_CHECKSUM(checksum.get())));
  sha256_hex = hex ? hex.get() : "";
}

void Keep(Walk& w, core::MailAttachment a, std::string content) {
  if (w.mail.attachments.size() >= w.options.max_attachments) {
    ++w.skipped_attachments;
    return;
  }
  if (a.size <= w.budget) {
    w.budget -= a.size;
    a.content_kept = true;
    a.content = std::move(content);
  } else {
    w.mail.problems.push_back(core::StrCat(
        {"attachment \"", a.name, "\" (", std::to_string(a.size),
         " bytes) is over the size limit: its content was not kept"}));
  }
  w.mail.attachments.push_back(std::move(a));
}

void KeepPart(Walk& w, GMimePart* part) {
  core::MailAttachment a;
  if (const char* name = g_mime_part_get_filename(part)) ToUtf8(name, a.name);
  if (a.name.size() > w.options.max_header_bytes) a.name.resize(w.options.max_header_bytes);
  ToUtf8(a.name, a.name);  // the cut may have split a character
  a.content_type = MimeType(GMIME_OBJECT(part));
  Measure(part, a.size, a.sha256_hex);
  std::string content;
  if (a.size <= w.budget) content = Decoded(part);
  Keep(w, std::move(a), std::move(content));
}

// An attached message (message/rfc822) is kept whole, as bytes.
void KeepMessage(Walk& w, GMimeMessagePart* part) {
  core::MailAttachment a;
  a.content_type = "message/rfc822";
  a.name = "attached-message.eml";
  std::string content;
  if (GMimeMessage* inner = g_mime_message_part_get_message(part)) {
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, mem.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    content.assign(reinterpret_cast<const char*>(bytes->data), bytes->len);
  }
  a.size = content.size();
  GString_ hex(g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(content.data()), content.size()));
  a.sha256_hex = hex ? hex.get() : "";
  Keep(w, std::move(a), std::move(content));
}

std::string TextOf(Walk& w, GMimePart* part) {
  std::string raw;
  if (GMIME_IS_TEXT_PART(part)) {
    // Converted from the part's charset to UTF-8 by GMime where it knows it.
    GString_ text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
    if (text) raw = text.get();
  } else {
    raw = Decoded(part);
  }
  std::string out;
  if (ToUtf8(raw, out)) w.mail.problems.push_back("body text was not valid UTF-8: converted");
  return out;
}

// Cuts `text` to `max` bytes at a character boundary; true when it was cut.
bool Cut(std::string& text, std::size_t max) {
  if (text.size() <= max) return false;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return true;
}

void Visit(Walk& w, GMimeObject* object, int depth, bool attachments_only);

// multipart/alternative: the text/plain version is the body; without one,
// the HTML version's text. The versions not taken are the same content and
// are not attachments, but anything else inside them (images) is.
void VisitAlternative(Walk& w, GMimeMultipart* multipart, int depth, bool attachments_only) {
  int count = g_mime_multipart_get_count(multipart);
  int chosen = -1;
  for (int pass = 0; pass < 2 && chosen < 0; ++pass) {
    const char* wanted = pass == 0 ? "text/plain" : "text/html";
    for (int i = 0; i < count && chosen < 0; ++i) {
      GMimeObject* child = g_mime_multipart_get_part(multipart, i);
      if (GMIME_IS_PART(child) && IsInline(child) && MimeType(child) == wanted) chosen = i;
    }
  }
  if (chosen < 0) chosen = count - 1;  // e.g. multipart/related holding the HTML
  for (int i = 0; i < count; ++i) {
    Visit(w, g_mime_multipart_get_part(multipart, i), depth + 1, attachments_only || i != chosen);
  }
}

void Visit(Walk& w, GMimeObject* object, int depth, bool attachments_only) {
  if (!object) return;
  if (depth > kMaxDepth) {
    w.mail.problems.push_back("MIME parts nested too deeply: the innermost were not read");
    return;
  }
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    if (MimeType(object) == "multipart/alternative") {
      VisitAlternative(w, multipart, depth, attachments_only);
      return;
    }
    int count = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < count; ++i) {
      Visit(w, g_mime_multipart_get_part(multipart, i), depth + 1, attachments_only);
    }
    return;
  }
  if (GMIME_IS_MESSAGE_PART(object)) {
    KeepMessage(w, GMIME_MESSAGE_PART(object));
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  std::string type = MimeType(object);
  bool is_inline = IsInline(object);
  if (type == "text/plain" && is_inline && !w.have_text) {
    if (attachments_only) return;
    w.mail.text_body = TextOf(w, part);
    w.have_text = true;
    // The body is kept before any attachment, so it only counts against the limit.
    if (Cut(w.mail.text_body, w.budget)) {
      w.mail.problems.push_back("body text is over the size limit: cut");
    }
    w.budget -= w.mail.text_body.size();
    return;
  }
  if (type == "text/html" && is_inline) {
    if (attachments_only) return;
    if (!w.have_html && !w.have_text) {
      w.html = TextOf(w, part);
      w.have_html = true;
    }
  }
  KeepPart(w, part);
}

}  // namespace

bool ToUtf8(std::string_view bytes, std::string& out) {
  std::string clean;
  clean.reserve(bytes.size());
  for (char c : bytes) {
    if (c != '\0') clean.push_back(c);
  }
  bool had_nul = clean.size() != bytes.size();
  if (g_utf8_validate(clean.data(), static_cast<gssize>(clean.size()), nullptr)) {
    out = std::move(clean);
    return had_nul;
  }
  gsize written = 0;
  GString_ converted(g_convert(clean.data(), static_cast<gssize>(clean.size()), "UTF-8",
                               "WINDOWS-1252", nullptr, &written, nullptr));
  if (converted) {
    out.assign(converted.get(), written);
  } else {
    GString_ valid(g_utf8_make_valid(clean.data(), static_cast<gssize>(clean.size())));
    out = valid ? valid.get() : "";
  }
  return true;
}

void ReadBody(GMimeObject* root, const ParseOptions& options, core::InboundMail& mail) {
  Walk w{options, mail, options.max_bytes, false, {}, false, 0};
  Visit(w, root, 0, false);
  if (!w.have_text && w.have_html) {
    mail.text_body = HtmlToText(w.html);
    mail.html_only_converted = true;
  }
  // The HTML itself is kept as an attachment; its text is a reading of it,
  // bounded by the same limit but not counted against it.
  if (Cut(mail.text_body, options.max_bytes)) {
    mail.problems.push_back("body text is over the size limit: cut");
  }
  if (w.skipped_attachments > 0) {
    mail.problems.push_back(core::StrCat({std::to_string(w.skipped_attachments),
                                          " more attachments were not recorded"}));
  }
}

}  // namespace srcbot::mail
