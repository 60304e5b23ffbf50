#include "integrations/mail/mime_parser.h"

#include <set>

#include "core/mail_headers.h"
#include "integrations/mail/gmime_support.h"
#include "integrations/mail/mime_parts.h"
#include "integrations/mail/pgp_mime.h"

namespace srcbot::mail {

namespace {

// References beyond this many are dropped (oldest first kept): threading
// needs the newest few, and a header of 100,000 ids is an attack.
constexpr int kMaxReferences = 200;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};
using GChars = std::unique_ptr<char, GFree>;

// Parser warnings, each kind once; the offending text is never quoted (the
// problems are shown in the SRC channel for mail that may be hostile).
struct Warnings {
  std::set<int> seen;
  std::vector<std::string>* problems;
};

const char* WarningText(GMimeParserWarning code) {
  switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER: return "a header that must appear once appears twice";
    case GMIME_WARN_DUPLICATED_PARAMETER: return "a header parameter appears twice";
    case GMIME_WARN_UNENCODED_8BIT_HEADER: return "a header holds raw 8-bit bytes";
    case GMIME_WARN_INVALID_CONTENT_TYPE: return "an invalid Content-Type (read as bytes)";
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: return "an invalid encoded word in a header";
    case GMIME_WARN_MALFORMED_MULTIPART: return "a multipart with no parts";
    case GMIME_WARN_TRUNCATED_MESSAGE: return "the message is truncated";
    case GMIME_WARN_MALFORMED_MESSAGE: return "the message is malformed";
    case GMIME_CRIT_INVALID_HEADER_NAME: return "an invalid header name";
    case GMIME_CRIT_CONFLICTING_HEADER: return "conflicting headers";
    case GMIME_CRIT_CONFLICTING_PARAMETER: return "conflicting header parameters";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: return "a multipart without a boundary";
    case GMIME_WARN_INVALID_PARAMETER: return "an invalid header parameter";
    case GMIME_WARN_INVALID_ADDRESS_LIST: return "an invalid address list";
    case GMIME_CRIT_NESTING_OVERFLOW: return "MIME parts nested too deeply";
    case GMIME_WARN_PART_WITHOUT_CONTENT: return "a MIME part without content";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return "a MIME part without headers or content";
  }
  return "a MIME format problem";
}

void OnWarning(gint64, GMimeParserWarning code, const gchar*, gpointer user_data) {
  auto* w = static_cast<Warnings*>(user_data);
  if (w->seen.insert(static_cast<int>(code)).second) {
    w->problems->push_back(std::string("malformed mail: ") + WarningText(code));
  }
}

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* o) const { g_mime_parser_options_free(o); }
};

// Header text as one valid UTF-8 line of at most `max` bytes.
std::string HeaderText(const char* value, std::size_t max) {
  if (!value) return {};
  std::string text;
  ToUtf8(value, text);
  text = core::SanitizeHeaderText(text);
  if (text.size() > max) {
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
  }
  return text;
}

std::string Header(GMimeMessage* message, const char* name, std::size_t max) {
  return HeaderText(g_mime_object_get_header(GMIME_OBJECT(message), name), max);
}

// The first mailbox in From (looking into a group if From names one).
core::MailAddress FirstMailbox(InternetAddressList* list, std::size_t max, int depth = 0) {
  int n = list ? internet_address_list_length(list) : 0;
  for (int i = 0; i < n; ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
      core::MailAddress out;
      out.address = HeaderText(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)), max);
      out.display_name = HeaderText(internet_address_get_name(a), max);
      return out;
    }
    if (INTERNET_ADDRESS_IS_GROUP(a) && depth == 0) {
      core::MailAddress inner = FirstMailbox(
          internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), max, depth + 1);
      if (!inner.address.empty()) return inner;
    }
  }
  return {};
}

void ReadThreading(GMimeMessage* message, GMimeParserOptions* options, std::size_t max,
                   core::InboundMail& mail) {
  mail.message_id = HeaderText(g_mime_message_get_message_id(message), max);
  if (const char* irt = g_mime_object_get_header(GMIME_OBJECT(message), "In-Reply-To")) {
    GChars id(g_mime_utils_decode_message_id(irt));
    mail.in_reply_to = HeaderText(id.get(), max);
  }
  if (const char* refs = g_mime_object_get_header(GMIME_OBJECT(message), "References")) {
    GMimeReferences* parsed = g_mime_references_parse(options, refs);
    int n = parsed ? g_mime_references_length(parsed) : 0;
    // The newest are the ones threading needs: keep the end of a long list.
    for (int i = n > kMaxReferences ? n - kMaxReferences : 0; i < n; ++i) {
      std::string id = HeaderText(g_mime_references_get_message_id(parsed, i), max);
      if (!id.empty()) mail.references.push_back(std::move(id));
    }
    if (n > kMaxReferences) mail.problems.push_back("References too long: the oldest were dropped");
    if (parsed) g_mime_references_free(parsed);
  }
}

void ReadFlags(GMimeMessage* message, std::size_t max, core::InboundMail& mail) {
  mail.auto_submitted = Header(message, "Auto-Submitted", max);
  mail.precedence = Header(message, "Precedence", max);
  mail.list_id = Header(message, "List-Id", max);
  if (const char* rp = g_mime_object_get_header(GMIME_OBJECT(message), "Return-Path")) {
    std::string path = HeaderText(rp, max);
    if (path.size() >= 2 && path.front() == '<' && path.back() == '>') {
      path = path.substr(1, path.size() - 2);
    }
    mail.return_path = path;
  }
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (body) {
    GMimeContentType* type = g_mime_object_get_content_type(body);
    mail.delivery_report = type && g_mime_content_type_is_type(type, "multipart", "report");
  }
}

}  // namespace

core::Result<core::InboundMail> ParseMail(std::string_view raw, const ParseOptions& options) {
  InitGmime();
  if (raw.empty()) return core::Status::Invalid("mail: empty message");
  core::InboundMail mail;
  mail.raw_sha256_hex = Sha256Hex(raw);

  std::unique_ptr<GMimeParserOptions, ParserOptionsFree> parser_options(
      g_mime_parser_options_new());
  Warnings warnings{{}, &mail.problems};
  g_mime_parser_options_set_warning_callback(parser_options.get(), OnWarning, &warnings);
  // Real mail breaks the rules (unquoted specials in names, encoded words
  // inside words): read it loosely rather than lose the sender's name.
  g_mime_parser_options_set_rfc2047_compliance_mode(parser_options.get(),
                                                    GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode(parser_options.get(),
                                                    GMIME_RFC_COMPLIANCE_LOOSE);
  // Raw 8-bit headers: UTF-8 when they are, else Windows-1252.
  const char* fallback[] = {"UTF-8", "WINDOWS-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(parser_options.get(), fallback);

  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), parser_options.get()));
  if (!message) return core::Status::Invalid("mail: not a message GMime can read");
  GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message.get()));
  if (!headers || g_mime_header_list_get_count(headers) == 0) {
    return core::Status::Invalid("mail: no header");
  }

  const std::size_t max = options.max_header_bytes;
  mail.from = FirstMailbox(g_mime_message_get_from(message.get()), max);
  if (mail.from.address.empty()) mail.problems.push_back("no From address");
  mail.subject = HeaderText(g_mime_message_get_subject(message.get()), max);
  if (GDateTime* date = g_mime_message_get_date(message.get())) {
    mail.date = core::TimePoint{std::chrono::seconds(g_date_time_to_unix(date))};
  }
  ReadThreading(message.get(), parser_options.get(), max, mail);
  ReadFlags(message.get(), max, mail);
  if (options.keyring) DecryptPgpMime(message.get(), *options.keyring, mail);
  ReadBody(g_mime_message_get_mime_part(message.get()), options, mail);
  if (options.keyring) DecryptInlinePgp(*options.keyring, mail);
  CollectOfferedKeys(message.get(), mail);
  return mail;
}

}  // namespace srcbot::mail
