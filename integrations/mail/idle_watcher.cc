#include "integrations/mail/idle_watcher.h"

namespace srcbot::mail {

IdleWatcher::IdleWatcher(std::unique_ptr<ImapIdler> idler, std::function<void()> on_mail,
                         std::function<void(const std::string&)> log, IdleWatcherSettings settings)
    : idler_(std::move(idler)),
      on_mail_(std::move(on_mail)),
      log_(std::move(log)),
      settings_(settings) {}

IdleWatcher::~IdleWatcher() { Stop(); }

void IdleWatcher::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void IdleWatcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool IdleWatcher::Pause(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, d, [this] { return stopping_.load(); });
  return !stopping_;
}

void IdleWatcher::Run() {
  while (!stopping_) {
    auto woken = idler_->Wait(settings_.reissue, stopping_);
    if (woken.ok()) {
      if (woken.value() == ImapIdler::Woken::kNewMail && on_mail_) on_mail_();
      continue;  // timed out: IDLE again; stopped: the loop ends
    }
    if (woken.status().code() == core::Code::kNotFound) {
      if (log_) log_("mail: " + woken.status().message() + "; polling only");
      return;
    }
    if (log_) {
      log_("mail: IDLE failed, polling only until it is tried again in " +
           std::to_string(settings_.retry.count() / 1000) + " s: " + woken.status().message());
    }
    if (!Pause(settings_.retry)) return;
  }
  idler_->Close();
}

}  // namespace srcbot::mail
