#pragma once
// IdleWatcher: a thread that keeps an ImapIdler waiting on the watched
// folder and calls `on_mail` each time the server reports a message, so the
// intake runs a pass then instead of at its next timed poll (docs/mail.md,
// "IDLE and the poll"). The timed poll stays: it is the safety net for
// everything IDLE can miss.
//
// Each wait is at most 25 minutes, then IDLE is issued again (RFC 2177 asks
// clients to, before the server's 30-minute inactivity logout). On an error
// it logs one line (no credentials: the idler's messages have none), drops
// the connection and tries again after `retry`; a server that does not offer
// IDLE is logged once and the thread ends (the poll alone remains).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "integrations/mail/imap_idler.h"

namespace srcbot::mail {

struct IdleWatcherSettings {
  std::chrono::milliseconds reissue{25 * 60 * 1000};
  std::chrono::milliseconds retry{60 * 1000};
};

class IdleWatcher {
 public:
  IdleWatcher(std::unique_ptr<ImapIdler> idler, std::function<void()> on_mail,
              std::function<void(const std::string&)> log, IdleWatcherSettings settings = {});
  ~IdleWatcher();  // Stop()
  IdleWatcher(const IdleWatcher&) = delete;
  IdleWatcher& operator=(const IdleWatcher&) = delete;

  void Start();  // no-op when running
  // Ends the wait (within the idler's 200 ms slice) and joins. Idempotent.
  void Stop();

 private:
  void Run();
  // Sleeps `d` or until Stop; false when stopping.
  bool Pause(std::chrono::milliseconds d);

  std::unique_ptr<ImapIdler> idler_;
  const std::function<void()> on_mail_;
  const std::function<void(const std::string&)> log_;
  const IdleWatcherSettings settings_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace srcbot::mail
