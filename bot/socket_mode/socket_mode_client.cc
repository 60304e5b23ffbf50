#include "bot/socket_mode/socket_mode_client.h"

#include <utility>

namespace srcbot::bot {

SocketModeClient::SocketModeClient(SlackApi& app_api, WebSocketConnector& connector,
                                   InboundHandler& handler, const core::Clock& clock,
                                   Options options)
    : app_api_(app_api),
      connector_(connector),
      handler_(handler),
      clock_(clock),
      options_(std::move(options)) {
  if (!options_.random) options_.random = RealRandom();
  if (options_.worker_threads < 1) options_.worker_threads = 1;
}

SocketModeClient::~SocketModeClient() { Stop(); }

void SocketModeClient::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (started_ || stopping_) return;
  started_ = true;
  state_ = State::kConnecting;
  for (int i = 0; i < options_.worker_threads; ++i) workers_.emplace_back([this] { RunWorker(); });
  supervisor_ = std::thread([this] { Supervise(); });
}

void SocketModeClient::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    if (!halted_) state_ = State::kStopped;
  }
  job_ready_.notify_all();
  // Workers first, while the connections are still open, so the job in hand is acked.
  for (std::thread& worker : workers_) worker.join();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    // Dropped unacked: their connections need not wait for them.
    for (Job& job : jobs_) job.connection->EndEnvelope();
    jobs_.clear();
  }
  control_ready_.notify_all();
  if (supervisor_.joinable()) supervisor_.join();
}

SocketModeClient::State SocketModeClient::state() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_;
}

SocketModeClient::Stats SocketModeClient::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

std::string SocketModeClient::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_;
}

// active_ is written only here (under mutex_, for the workers), so this thread
// reads it without the lock.
void SocketModeClient::Supervise() {
  Backoff backoff(options_.backoff_base, options_.backoff_max, options_.random);
  bool wait_first = false;  // the last try failed or the connection was lost: back off
  while (true) {
    std::optional<Control> control;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (active_) {
        control_ready_.wait_for(lock, options_.watchdog_poll,
                                [this] { return closing_ || !controls_.empty(); });
      }
      if (closing_ || halted_) break;
      if (!controls_.empty()) {
        control = std::move(controls_.front());
        controls_.pop_front();
      }
    }
    if (!active_) {
      if (wait_first) WaitFor(backoff.Next());
      std::shared_ptr<Connection> fresh;
      if (!closing()) fresh = OpenConnection();
      wait_first = fresh == nullptr;
      if (fresh) SetActive(std::move(fresh));
      continue;
    }
    if (control) Handle(*control, backoff);
    if (active_ && clock_.Now() - active_->last_frame() >= options_.idle_timeout) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++stats_.idle_timeouts;
      }
      Replace("no frame for " + std::to_string(options_.idle_timeout.count()) + " s");
    }
    if (!active_) wait_first = true;
  }
  SetActive(nullptr);
}

void SocketModeClient::Handle(const Control& control, Backoff& backoff) {
  // Controls from connections already replaced (a late hello, their close) mean nothing.
  if (!active_ || control.connection_id != active_->id()) return;
  switch (control.kind) {
    case Control::Kind::kHello: {
      backoff.Reset();
      std::lock_guard<std::mutex> lock(mutex_);
      if (!halted_ && !stopping_) state_ = State::kConnected;
      return;
    }
    case Control::Kind::kDisconnect:
      if (control.reason == "link_disabled") {
        // Slack's advice: do not loop on this one; a person must turn Socket Mode back on.
        Halt(State::kLinkDisabled,
             "Slack disabled Socket Mode for this app (disconnect: link_disabled); not "
             "reconnecting. Turn Socket Mode on in the app settings and restart srcbot.");
        SetActive(nullptr);
        return;
      }
      // refresh_requested, warning, too_many_websockets and reasons Slack may add later.
      Replace("disconnect: " + control.reason);
      return;
    case Control::Kind::kClosed:
      Log("the connection closed unexpectedly; reconnecting", LogLevel::kWarn);
      SetActive(nullptr);
      return;
  }
}

std::shared_ptr<SocketModeClient::Connection> SocketModeClient::OpenConnection() {
  core::Result<std::string> url = app_api_.OpenSocketUrl();
  if (!url.ok()) {
    core::Code code = url.status().code();
    if (code == core::Code::kPermissionDenied || code == core::Code::kInvalidArgument) {
      // invalid_auth, not_allowed_token_type…: retrying cannot help (node's SDK gives up too).
      Halt(State::kAuthFailed, "apps.connections.open was refused (" + url.status().message() +
                                   "); check the app-level token (xapp-…, scope "
                                   "connections:write). Not reconnecting.");
      return nullptr;
    }
    Log("apps.connections.open failed (" + url.status().message() + "); will retry",
        LogLevel::kWarn);
    std::lock_guard<std::mutex> lock(mutex_);
    ++stats_.connect_failures;
    return nullptr;
  }
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connection = std::make_shared<Connection>(next_connection_id_++, clock_.Now());
  }
  // Weak: the socket owns these callbacks, and the connection owns the socket.
  std::weak_ptr<Connection> weak = connection;
  WebSocketCallbacks callbacks;
  callbacks.on_message = [this, weak](const std::string& text) {
    if (std::shared_ptr<Connection> c = weak.lock()) OnFrame(c, text);
  };
  // Slack's pings reach us here: a quiet workspace still shows a live link.
  callbacks.on_activity = [this, weak] {
    if (std::shared_ptr<Connection> c = weak.lock()) c->Touch(clock_.Now());
  };
  callbacks.on_close = [this, weak] {
    if (std::shared_ptr<Connection> c = weak.lock()) {
      PushControl({Control::Kind::kClosed, c->id(), ""});
    }
  };
  core::Result<std::unique_ptr<WebSocket>> socket =
      connector_.Connect(url.value(), std::move(callbacks), options_.connect_timeout);
  bool ok = socket.ok();
  connection->Settle(ok ? std::move(socket).value() : nullptr);
  if (!ok) {
    Log("could not open the websocket (" + socket.status().message() + "); will retry",
        LogLevel::kWarn);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++(ok ? stats_.connections : stats_.connect_failures);
  return ok ? connection : nullptr;
}

void SocketModeClient::Replace(const std::string& why) {
  Log(why + "; opening a new connection before closing this one");
  // On failure the old one is closed anyway (it is about to go, or is dead)
  // and the supervisor retries with backoff.
  SetActive(OpenConnection());
}

void SocketModeClient::SetActive(std::shared_ptr<Connection> connection) {
  std::shared_ptr<Connection> old;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    old = std::move(active_);
    active_ = std::move(connection);
    if (active_ && stats_.connections > 1) {
      ++stats_.reconnects;
      if (options_.metrics != nullptr) options_.metrics->SocketReconnected();
    }
    if (!halted_ && !stopping_) state_ = State::kConnecting;
  }
  // Outside the lock: Close may wait for the peer, and callbacks take the lock.
  if (old) old->Retire(options_.drain);
}

bool SocketModeClient::closing() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return closing_;
}

void SocketModeClient::WaitFor(std::chrono::milliseconds delay) {
  if (options_.sleeper) {
    options_.sleeper(delay);
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  control_ready_.wait_for(lock, delay, [this] { return closing_; });
}

void SocketModeClient::Halt(State state, const std::string& line) {
  Log(line, LogLevel::kError);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    halted_ = true;
    if (!stopping_) state_ = state;
    last_error_ = line;
  }
  if (options_.on_halt) options_.on_halt(state);
}

void SocketModeClient::OnFrame(const std::shared_ptr<Connection>& connection,
                               const std::string& text) {
  // Any frame, even one we ignore, shows the connection is alive.
  connection->Touch(clock_.Now());
  SocketFrame frame = ParseSocketFrame(text);
  switch (frame.kind) {
    case SocketFrame::Kind::kIgnored:
      return;
    case SocketFrame::Kind::kHello:
      PushControl({Control::Kind::kHello, connection->id(), ""});
      return;
    case SocketFrame::Kind::kDisconnect:
      PushControl({Control::Kind::kDisconnect, connection->id(), frame.reason});
      return;
    case SocketFrame::Kind::kEnvelope:
      break;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    ++stats_.envelopes;
    if (jobs_.size() >= options_.max_queued) {
      ++stats_.dropped;
      return;
    }
    connection->BeginEnvelope();
    jobs_.push_back(Job{connection, std::move(frame)});
  }
  job_ready_.notify_one();
}

void SocketModeClient::PushControl(Control control) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    controls_.push_back(std::move(control));
  }
  control_ready_.notify_all();
}

void SocketModeClient::RunWorker() {
  while (true) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      job_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    bool handler_failed = false;
    Metrics* metrics = options_.metrics;
    const auto start =
        metrics != nullptr ? metrics->Now() : std::chrono::steady_clock::time_point();
    std::string ack = AnswerEnvelope(handler_, job.frame, &handler_failed);
    if (metrics != nullptr) metrics->AckBuilt(metrics->Now() - start);
    if (handler_failed) {
      Log("the handler failed on a " + job.frame.type + " envelope; acked without a reply",
          LogLevel::kError, {{"request_id", job.frame.envelope_id}});
    }
    bool sent = SendAck(job, ack);
    job.connection->EndEnvelope();
    std::lock_guard<std::mutex> lock(mutex_);
    if (handler_failed) ++stats_.handler_errors;
    if (sent) ++stats_.acks;
  }
}

bool SocketModeClient::SendAck(const Job& job, const std::string& ack) {
  if (job.connection->Send(ack, options_.connect_timeout)) return true;
  // Its connection was replaced meanwhile: acks name the envelope, so try the current one.
  std::shared_ptr<Connection> active;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    active = active_;
  }
  return active && active != job.connection && active->Send(ack, options_.connect_timeout);
}

void SocketModeClient::Log(const std::string& line, LogLevel level,
                           const nlohmann::json& fields) const {
  if (options_.log) {
    options_.log(line);
  } else {
    bot::Log(level, "socket_mode", line, fields);
  }
}

}  // namespace srcbot::bot
