#pragma once
// ImapIdler: waits for new mail in one folder with IMAP IDLE (RFC 2177), on
// a connection of its own (the intake's ImapMailbox stays free for passes).
//
// libcurl has no IDLE command, so it only makes the connection (TLS for
// imaps://; CURLOPT_CONNECT_ONLY, no login) and srcbot speaks the protocol
// itself through curl_easy_send/recv: CAPABILITY, LOGIN, LIST (the
// delimiter), SELECT, then IDLE … DONE for each wait, LOGOUT on Close.
// The password goes only into the LOGIN command; no message or log has it.
//
// Thread-compatible: one thread at a time (the runtime's idle thread).

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "integrations/mail/curl_support.h"
#include "integrations/mail/mail_url.h"

namespace srcbot::mail {

struct IdleOptions {
  std::string url;      // as ImapOptions::url
  std::string folder;   // the watched folder, '/' between levels
  ConnectionOptions connection;
};

class ImapIdler {
 public:
  enum class Woken { kNewMail, kTimedOut, kStopped };

  // kInvalidArgument for a URL ParseMailUrl refuses. Does not connect.
  static core::Result<std::unique_ptr<ImapIdler>> Open(IdleOptions options);
  ~ImapIdler();  // Close()

  // Connects first when not connected. Then IDLEs until the server reports
  // a message (`* n EXISTS` or `* n RECENT`), `max` passes, or `stop` is
  // set (looked at every 200 ms). kNotFound when the server does not offer
  // IDLE; other errors as CurlStatus, after which the connection is closed
  // and the next Wait makes a new one.
  core::Result<Woken> Wait(std::chrono::milliseconds max, const std::atomic<bool>& stop);

  // LOGOUT (not waited for) and the connection closed. Idempotent.
  void Close();

 private:
  ImapIdler(IdleOptions options, MailServerUrl url);

  core::Status Connect();
  // Sends `text` and CRLF; `what` names it in errors (never the text).
  core::Status Send(const std::string& text, std::string_view what);
  // The next line, without CRLF; nullopt when `deadline` passed or `stop`
  // was set first (the caller tells which). kUnavailable when the
  // connection broke or the server sent a line over 64 KiB.
  core::Result<std::optional<std::string>> ReadLine(std::chrono::steady_clock::time_point deadline,
                                                    const std::atomic<bool>* stop);
  // Sends a tagged command and reads to its tagged response; returns the
  // untagged lines before it. NO or BAD: kInvalidArgument (kPermissionDenied
  // for LOGIN).
  core::Result<std::string> Command(const std::string& text, std::string_view what);
  std::string NextTag();

  IdleOptions options_;
  MailServerUrl url_;
  CurlEasy curl_;
  char error_[CURL_ERROR_SIZE];
  std::string buffer_;  // received, not yet read as lines
  std::string tag_;     // of the command in flight
  unsigned next_tag_ = 0;
};

}  // namespace srcbot::mail
