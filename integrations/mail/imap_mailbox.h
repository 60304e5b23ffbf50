#pragma once
// ImapMailbox: Mailbox over IMAP4rev1 through libcurl (SPEC §7, "Intake").
//
// One connection, kept between calls and re-made by libcurl when it drops.
// Listing is UID SEARCH ALL; fetching is UID FETCH n BODY[] (which marks it
// \Seen); moving is UID MOVE where the server offers MOVE, else UID COPY,
// UID STORE +FLAGS.SILENT (\Deleted) and UID EXPUNGE (plain EXPUNGE without
// UIDPLUS); a missing folder is made with CREATE. Errors as Mailbox says.
// The password is only handed to libcurl; it is in no message and no log.
//
// Thread-compatible: one thread at a time (the intake's poller owns it).

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "integrations/mail/curl_support.h"
#include "integrations/mail/mail_url.h"
#include "integrations/mail/mailbox.h"

namespace srcbot::mail {

struct ImapOptions {
  std::string url;  // imaps://host[:port][/folder]; the folder is the caller's (MailServerUrl)
  ConnectionOptions connection;
  // A message larger than this is not fetched (kInvalidArgument): the
  // intake's content limit is smaller, this only bounds memory.
  std::size_t max_message_bytes = 64u << 20;
  // false: always COPY + STORE + EXPUNGE, even where MOVE is offered.
  bool use_move = true;
};

class ImapMailbox : public Mailbox {
 public:
  // kInvalidArgument for a URL ParseMailUrl refuses. Does not connect.
  static core::Result<std::unique_ptr<ImapMailbox>> Open(ImapOptions options);

  core::Result<std::vector<std::uint32_t>> ListUids(const std::string& folder) override;
  core::Result<std::string> Fetch(const std::string& folder, std::uint32_t uid) override;
  core::Status Move(const std::string& folder, std::uint32_t uid, const std::string& to) override;
  core::Status EnsureFolder(const std::string& folder) override;

 private:
  ImapMailbox(ImapOptions options, MailServerUrl url);

  // Runs `command` (none: a plain fetch of the URL) against `url` and
  // returns what the server wrote back (untagged responses, or the message).
  core::Result<std::string> Perform(const std::string& url, const char* command,
                                    std::string_view what);
  // The URL that SELECTs `folder` (none: the server only).
  core::Result<std::string> FolderUrl(const std::string& folder);
  // `folder` with '/' turned into the server's delimiter.
  core::Result<std::string> ServerName(const std::string& folder);
  core::Status LoadServerInfo();

  ImapOptions options_;
  MailServerUrl url_;
  CurlEasy curl_;
  char error_[CURL_ERROR_SIZE];
  bool info_loaded_ = false;
  std::set<std::string> capabilities_;
  std::optional<char> delimiter_;
};

}  // namespace srcbot::mail
