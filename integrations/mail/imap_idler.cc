#include "integrations/mail/imap_idler.h"

#include <poll.h>

#include "core/str_cat.h"
#include "integrations/mail/imap_lines.h"
#include "integrations/mail/imap_responses.h"

namespace srcbot::mail {

namespace {

using Clock = std::chrono::steady_clock;

// How long a read waits on the socket before it looks at `stop` again: what
// makes stopping srcbot prompt while it idles.
constexpr std::chrono::milliseconds kSlice{200};
constexpr std::size_t kMaxLine = 64 * 1024;

// Waits until the socket of `h` is ready for `events`, at most `slice`.
void WaitSocket(CURL* h, short events, std::chrono::milliseconds slice) {
  curl_socket_t fd = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK || fd == CURL_SOCKET_BAD) return;
  pollfd p{fd, events, 0};
  (void)poll(&p, 1, static_cast<int>(slice.count()));
}

}  // namespace

core::Result<std::unique_ptr<ImapIdler>> ImapIdler::Open(IdleOptions options) {
  auto url = ParseMailUrl(options.url, MailProtocol::kImap);
  if (!url.ok()) return url.status();
  if (options.folder.empty()) return core::Status::Invalid("IMAP IDLE: no folder");
  InitCurl();
  return std::unique_ptr<ImapIdler>(new ImapIdler(std::move(options), url.value()));
}

ImapIdler::ImapIdler(IdleOptions options, MailServerUrl url)
    : options_(std::move(options)), url_(std::move(url)) {
  error_[0] = '\0';
}

ImapIdler::~ImapIdler() { Close(); }

std::string ImapIdler::NextTag() { return core::StrCat({"s", std::to_string(++next_tag_)}); }

core::Status ImapIdler::Send(const std::string& text, std::string_view what) {
  std::string data = text + "\r\n";
  std::size_t sent = 0;
  const auto deadline = Clock::now() + options_.connection.timeout;
  while (sent < data.size()) {
    std::size_t n = 0;
    CURLcode code = curl_easy_send(curl_.get(), data.data() + sent, data.size() - sent, &n);
    if (code == CURLE_AGAIN) {
      if (Clock::now() > deadline) return core::Status::Unavailable(core::StrCat({what, ": send timed out"}));
      WaitSocket(curl_.get(), POLLOUT, kSlice);
      continue;
    }
    if (code != CURLE_OK) return CurlStatus(code, what, error_);
    sent += n;
  }
  return core::Status::Ok();
}

core::Result<std::optional<std::string>> ImapIdler::ReadLine(Clock::time_point deadline,
                                                             const std::atomic<bool>* stop) {
  for (;;) {
    std::size_t end = buffer_.find('\n');
    if (end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return std::optional<std::string>(std::move(line));
    }
    if (buffer_.size() > kMaxLine) return core::Status::Unavailable("IMAP IDLE: a line over 64 KiB");
    // recv before poll: with TLS, curl may hold decrypted bytes the socket
    // no longer shows.
    char chunk[4096];
    std::size_t n = 0;
    CURLcode code = curl_easy_recv(curl_.get(), chunk, sizeof chunk, &n);
    if (code == CURLE_OK && n == 0) return core::Status::Unavailable("IMAP IDLE: the server closed the connection");
    if (code == CURLE_OK) {
      buffer_.append(chunk, n);
      continue;
    }
    if (code != CURLE_AGAIN) return CurlStatus(code, "IMAP IDLE", error_);
    if ((stop && stop->load()) || Clock::now() >= deadline) return std::optional<std::string>();
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    WaitSocket(curl_.get(), POLLIN, std::max(std::chrono::milliseconds(1), std::min(kSlice, left)));
  }
}

core::Result<std::string> ImapIdler::Command(const std::string& text, std::string_view what) {
  tag_ = NextTag();
  if (core::Status s = Send(core::StrCat({tag_, " ", text}), what); !s.ok()) return s;
  const auto deadline = Clock::now() + options_.connection.timeout;
  std::string untagged;
  for (;;) {
    auto line = ReadLine(deadline, nullptr);
    if (!line.ok()) return line.status();
    if (!line.value()) return core::Status::Unavailable(core::StrCat({what, ": no answer in time"}));
    const std::string& l = *line.value();
    ImapLine parsed = ParseImapLine(l, tag_);
    switch (parsed.kind) {
      case ImapLine::Kind::kOk:
        return untagged;
      case ImapLine::Kind::kNo:
      case ImapLine::Kind::kBad:
        // The server's text is not repeated: for LOGIN it could echo the name.
        if (what == "IMAP IDLE login") return core::Status::Denied(core::StrCat({what, ": refused"}));
        return core::Status::Invalid(core::StrCat({what, ": refused by the server"}));
      case ImapLine::Kind::kBye:
        return core::Status::Unavailable(core::StrCat({what, ": the server said BYE"}));
      default:
        untagged += l;
        untagged += "\r\n";
    }
  }
}

core::Status ImapIdler::Connect() {
  buffer_.clear();
  curl_.reset(curl_easy_init());
  if (!curl_) return core::Status::Internal("IMAP IDLE: libcurl could not make a handle");
  CURL* h = curl_.get();
  // No user for libcurl: it would log in itself, and we need the
  // connection in our own hands from the greeting on.
  ConnectionOptions transport = options_.connection;
  transport.user.clear();
  transport.password.clear();
  SetCommonOptions(h, url_, transport, "imaps,imap", error_);
  // The whole-transfer timeout would cut an idle connection; only connecting is bounded.
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 0L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 0L);
  curl_easy_setopt(h, CURLOPT_URL, core::StrCat({url_.server, "/"}).c_str());
  curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
  // An idle connection whose far end vanished (a NAT entry dropped, a
  // server gone without a FIN) would otherwise be noticed only at the next
  // re-issue, 25 minutes on: the kernel probes after 60 s of quiet and gives
  // up after its probes go unanswered, which ends the wait with an error.
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPIDLE, 60L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPINTVL, 20L);
  // libcurl reads the greeting and one CAPABILITY itself before handing over.
  if (CURLcode code = curl_easy_perform(h); code != CURLE_OK) {
    return CurlStatus(code, "IMAP IDLE connect", error_);
  }
  if (!options_.connection.user.empty()) {
    auto user = QuoteImapString(options_.connection.user);
    if (!user.ok()) return user.status();
    auto password = QuoteImapString(options_.connection.password);
    if (!password.ok()) return password.status();
    auto login = Command(core::StrCat({"LOGIN ", user.value(), " ", password.value()}),
                         "IMAP IDLE login");
    if (!login.ok()) return login.status();
  }
  auto caps = Command("CAPABILITY", "IMAP IDLE capabilities");
  if (!caps.ok()) return caps.status();
  if (ParseCapabilities(caps.value()).count("IDLE") == 0) {
    return core::Status::NotFound("IMAP: the server does not offer IDLE");
  }
  auto list = Command("LIST \"\" \"\"", "IMAP IDLE delimiter");
  if (!list.ok()) return list.status();
  std::string name = options_.folder;
  if (auto d = ParseListDelimiter(list.value()); d && *d != '/') {
    for (char& c : name) {
      if (c == '/') c = *d;
    }
  }
  auto quoted = QuoteMailbox(name);
  if (!quoted.ok()) return quoted.status();
  return Command(core::StrCat({"SELECT ", quoted.value()}), "IMAP IDLE select").status();
}

core::Result<ImapIdler::Woken> ImapIdler::Wait(std::chrono::milliseconds max,
                                               const std::atomic<bool>& stop) {
  auto fail = [this](core::Status s) {
    Close();
    return s;
  };
  if (!curl_) {
    if (core::Status s = Connect(); !s.ok()) return fail(s);
  }
  if (stop.load()) return Woken::kStopped;
  tag_ = NextTag();
  if (core::Status s = Send(core::StrCat({tag_, " IDLE"}), "IMAP IDLE"); !s.ok()) return fail(s);
  const auto deadline = Clock::now() + max;
  bool idling = false;
  Woken woken = Woken::kTimedOut;
  for (;;) {
    // Until "+", the server must answer in the usual time; then `max` holds.
    auto line = ReadLine(idling ? deadline : Clock::now() + options_.connection.timeout, &stop);
    if (!line.ok()) return fail(line.status());
    if (!line.value()) {
      if (stop.load()) {
        if (idling) (void)Send("DONE", "IMAP IDLE done");
        Close();
        return Woken::kStopped;
      }
      if (!idling) return fail(core::Status::Unavailable("IMAP IDLE: no answer in time"));
      break;  // `max` passed: DONE, and the caller idles again
    }
    ImapLine parsed = ParseImapLine(*line.value(), tag_);
    if (parsed.kind == ImapLine::Kind::kContinuation) {
      idling = true;
      if (woken == Woken::kNewMail) break;  // announced before the "+"
    } else if (parsed.kind == ImapLine::Kind::kExists ||
               (parsed.kind == ImapLine::Kind::kRecent && parsed.number > 0)) {
      woken = Woken::kNewMail;
      if (idling) break;
    } else if (parsed.kind == ImapLine::Kind::kBye) {
      return fail(core::Status::Unavailable("IMAP IDLE: the server said BYE"));
    } else if (parsed.kind == ImapLine::Kind::kOk) {
      return woken;  // the server ended IDLE itself: the caller idles again
    } else if (parsed.kind == ImapLine::Kind::kNo || parsed.kind == ImapLine::Kind::kBad) {
      return fail(core::Status::Invalid("IMAP IDLE: refused by the server"));
    }  // else other untagged data ("* 0 RECENT" after our own moves, FETCH flags): not mail
  }
  if (core::Status s = Send("DONE", "IMAP IDLE done"); !s.ok()) return fail(s);
  const auto done_by = Clock::now() + options_.connection.timeout;
  for (;;) {
    auto line = ReadLine(done_by, &stop);
    if (!line.ok()) return fail(line.status());
    if (!line.value()) {
      if (stop.load()) break;
      return fail(core::Status::Unavailable("IMAP IDLE: no answer to DONE in time"));
    }
    ImapLine parsed = ParseImapLine(*line.value(), tag_);
    if (parsed.kind == ImapLine::Kind::kOk) return woken;
    if (parsed.kind == ImapLine::Kind::kExists) woken = Woken::kNewMail;
    if (parsed.kind == ImapLine::Kind::kNo || parsed.kind == ImapLine::Kind::kBad ||
        parsed.kind == ImapLine::Kind::kBye) {
      return fail(core::Status::Unavailable("IMAP IDLE: the server did not end IDLE"));
    }
  }
  Close();
  return Woken::kStopped;
}

void ImapIdler::Close() {
  if (!curl_) return;
  // Not waited for: the server ends the session either way.
  (void)Send(core::StrCat({NextTag(), " LOGOUT"}), "IMAP IDLE logout");
  curl_.reset();
  buffer_.clear();
}

}  // namespace srcbot::mail
