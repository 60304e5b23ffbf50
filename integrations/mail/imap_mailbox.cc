#include "integrations/mail/imap_mailbox.h"

#include <cctype>

#include "core/str_cat.h"
#include "integrations/mail/imap_responses.h"

namespace srcbot::mail {

namespace {

struct Sink {
  std::string data;
  std::size_t limit;
  bool over = false;
};

size_t Write(char* bytes, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t n = size * count;
  if (sink->data.size() + n > sink->limit) {
    sink->over = true;
    return 0;  // libcurl stops with CURLE_WRITE_ERROR
  }
  sink->data.append(bytes, n);
  return n;
}

// The path of a folder URL: every byte but unreserved ones and '/' percent-encoded.
std::string EncodePath(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0f]);
    }
  }
  return out;
}

}  // namespace

core::Result<std::unique_ptr<ImapMailbox>> ImapMailbox::Open(ImapOptions options) {
  auto url = ParseMailUrl(options.url, MailProtocol::kImap);
  if (!url.ok()) return url.status();
  InitCurl();
  return std::unique_ptr<ImapMailbox>(new ImapMailbox(std::move(options), url.value()));
}

ImapMailbox::ImapMailbox(ImapOptions options, MailServerUrl url)
    : options_(std::move(options)), url_(std::move(url)), curl_(curl_easy_init()) {
  error_[0] = '\0';
}

core::Result<std::string> ImapMailbox::Perform(const std::string& url, const char* command,
                                               std::string_view what) {
  if (!curl_) return core::Status::Internal("IMAP: libcurl could not make a handle");
  CURL* h = curl_.get();
  SetCommonOptions(h, url_, options_.connection, "imaps,imap", error_);
  Sink sink{{}, options_.max_message_bytes};
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, command);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  CURLcode code = curl_easy_perform(h);
  if (sink.over) {
    return core::Status::Invalid(core::StrCat(
        {what, ": over ", std::to_string(options_.max_message_bytes), " bytes, not fetched"}));
  }
  if (code != CURLE_OK) return CurlStatus(code, what, error_);
  return std::move(sink.data);
}

core::Status ImapMailbox::LoadServerInfo() {
  if (info_loaded_) return core::Status::Ok();
  std::string server = core::StrCat({url_.server, "/"});
  auto caps = Perform(server, "CAPABILITY", "IMAP capabilities");
  if (!caps.ok()) return caps.status();
  auto list = Perform(server, "LIST \"\" \"\"", "IMAP delimiter");
  if (!list.ok()) return list.status();
  capabilities_ = ParseCapabilities(caps.value());
  delimiter_ = ParseListDelimiter(list.value());
  info_loaded_ = true;
  return core::Status::Ok();
}

core::Result<std::string> ImapMailbox::ServerName(const std::string& folder) {
  if (folder.empty()) return core::Status::Invalid("IMAP folder: empty name");
  if (core::Status s = LoadServerInfo(); !s.ok()) return s;
  std::string name = folder;
  if (delimiter_ && *delimiter_ != '/') {
    for (char& c : name) {
      if (c == '/') c = *delimiter_;
    }
  }
  auto quoted = QuoteMailbox(name);  // refuses what the URL could not carry either
  if (!quoted.ok()) return quoted.status();
  return name;
}

core::Result<std::string> ImapMailbox::FolderUrl(const std::string& folder) {
  auto name = ServerName(folder);
  if (!name.ok()) return name.status();
  return core::StrCat({url_.server, "/", EncodePath(name.value())});
}

core::Result<std::vector<std::uint32_t>> ImapMailbox::ListUids(const std::string& folder) {
  auto url = FolderUrl(folder);
  if (!url.ok()) return url.status();
  // On a kept connection the folder stays SELECTed (libcurl does not select
  // it again), and the server reports mail that arrived since only with a
  // command's response: SEARCH alone would miss it until the poll after.
  // NOOP first lets the server announce it (RFC 3501 §6.1.2).
  if (auto noop = Perform(url.value(), "NOOP", "IMAP list"); !noop.ok()) return noop.status();
  auto response = Perform(url.value(), "UID SEARCH ALL", "IMAP list");
  if (!response.ok()) return response.status();
  return ParseSearch(response.value());
}

core::Result<std::string> ImapMailbox::Fetch(const std::string& folder, std::uint32_t uid) {
  auto url = FolderUrl(folder);
  if (!url.ok()) return url.status();
  // No custom command: libcurl's own UID FETCH, which reads the literal.
  auto message =
      Perform(core::StrCat({url.value(), "/;UID=", std::to_string(uid)}), nullptr, "IMAP fetch");
  if (!message.ok()) return message.status();
  if (message.value().empty()) {
    return core::Status::NotFound(core::StrCat({"IMAP fetch: no message ", std::to_string(uid)}));
  }
  return message;
}

core::Status ImapMailbox::Move(const std::string& folder, std::uint32_t uid,
                               const std::string& to) {
  auto url = FolderUrl(folder);
  if (!url.ok()) return url.status();
  auto target = ServerName(to);
  if (!target.ok()) return target.status();
  std::string quoted = QuoteMailbox(target.value()).value();
  std::string id = std::to_string(uid);
  if (options_.use_move && capabilities_.count("MOVE")) {
    std::string move = core::StrCat({"UID MOVE ", id, " ", quoted});
    return Perform(url.value(), move.c_str(), "IMAP move").status();
  }
  // Copy first: if anything after it fails the message is in both folders,
  // which the intake's Message-ID dedupe absorbs; never in neither.
  std::string copy = core::StrCat({"UID COPY ", id, " ", quoted});
  if (auto r = Perform(url.value(), copy.c_str(), "IMAP copy"); !r.ok()) return r.status();
  std::string store = core::StrCat({"UID STORE ", id, " +FLAGS.SILENT (\\Deleted)"});
  if (auto r = Perform(url.value(), store.c_str(), "IMAP store"); !r.ok()) return r.status();
  // Plain EXPUNGE also removes what other clients marked \Deleted: only
  // without UIDPLUS, where there is no other way.
  std::string expunge =
      capabilities_.count("UIDPLUS") ? core::StrCat({"UID EXPUNGE ", id}) : std::string("EXPUNGE");
  return Perform(url.value(), expunge.c_str(), "IMAP expunge").status();
}

core::Status ImapMailbox::EnsureFolder(const std::string& folder) {
  auto name = ServerName(folder);
  if (!name.ok()) return name.status();
  std::string quoted = QuoteMailbox(name.value()).value();
  std::string server = core::StrCat({url_.server, "/"});
  std::string list = core::StrCat({"LIST \"\" ", quoted});
  auto listed = Perform(server, list.c_str(), "IMAP list folders");
  if (!listed.ok()) return listed.status();
  if (HasListLine(listed.value())) return core::Status::Ok();
  std::string create = core::StrCat({"CREATE ", quoted});
  auto created = Perform(server, create.c_str(), "IMAP create folder");
  if (created.ok()) return core::Status::Ok();
  // Another client may have made it in between: that is success too.
  auto again = Perform(server, list.c_str(), "IMAP list folders");
  if (again.ok() && HasListLine(again.value())) return core::Status::Ok();
  return created.status();
}

}  // namespace srcbot::mail
