#pragma once
// SocketModeClient: receives Slack's envelopes over Socket Mode (SLACK.md §4)
// and hands their payloads to the InboundHandler; docs/socket-mode.md has the
// design.
//
// Start() runs a supervisor thread that asks apps.connections.open (through
// `app_api`, the SlackApi holding the xapp- token) for a single-use URL and
// opens a NEW WebSocket per connection. Envelopes are parsed on the websocket
// library's thread and queued for `worker_threads` workers, which call
// OnEvent / OnSlashCommand / OnInteraction and then send the ack on the
// connection the envelope came from: {"envelope_id": …}, plus "payload" when
// the handler returned one and the envelope accepts_response_payload. Every
// envelope is acked, also when the handler throws.
//
// Connections: `disconnect` with refresh_requested, warning,
// too_many_websockets (or a reason we do not know) and the read-idle watchdog
// (no frame for idle_timeout) open the new connection first, then close the
// old one. A connection whose pongs stop (websocket.h, pong_timeout) ends
// like a drop. link_disabled stops the client (state kLinkDisabled). An
// unexpected close, or a failure to get a URL or connect, is retried with
// exponential backoff and jitter, reset after each `hello`.
// apps.connections.open refused with kPermissionDenied or kInvalidArgument
// (invalid_auth, not_allowed_token_type…) stops the client (kAuthFailed).
// Each stop logs one line that never holds a token.
//
// Deduplicating events across connections is the InboundHandler's job.
// Thread-safe. The references must outlive the client; the destructor stops it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bot/inbound/inbound_handler.h"
#include "bot/observability/log.h"
#include "bot/observability/metrics.h"
#include "bot/runtime/backoff.h"
#include "bot/slack_api/slack_api.h"
#include "bot/socket_mode/socket_mode_connection.h"
#include "bot/socket_mode/socket_mode_frames.h"
#include "bot/socket_mode/websocket.h"
#include "core/time.h"

namespace srcbot::bot {

class SocketModeClient {
 public:
  enum class State {
    kIdle,          // before Start()
    kConnecting,    // no connection has said hello yet, or waiting to reconnect
    kConnected,     // the current connection said hello
    kLinkDisabled,  // Slack sent link_disabled: stopped, no reconnect
    kAuthFailed,    // apps.connections.open refused the token: stopped
    kStopped,       // Stop() was called
  };

  struct Options {
    // No frame and no ping from Slack for this long: the connection is taken
    // for dead and replaced (the new one opened first). Slack pings a quiet
    // connection every few seconds, and node's SDK gives up after 30 s
    // without a server ping (SLACK.md §4.4). Our own pings' pongs do not
    // count here: the websocket ends a connection whose pongs stop itself.
    core::Duration idle_timeout{30};
    std::chrono::milliseconds connect_timeout{10'000};
    // A replaced connection stays open this long for the acks of envelopes
    // already in hand, so a refresh does not make Slack redeliver them (a
    // redelivered slash command would run twice). Slack wants acks in 3 s.
    std::chrono::milliseconds drain{3'000};
    std::chrono::milliseconds backoff_base{1'000};
    std::chrono::milliseconds backoff_max{60'000};
    // How often the supervisor looks at the watchdog when nothing happens.
    std::chrono::milliseconds watchdog_poll{1'000};
    int worker_threads = 2;
    // Envelopes waiting for a worker beyond this are dropped unacked (Slack
    // redelivers events); it bounds memory when the handler is stuck.
    std::size_t max_queued = 1'000;
    // Empty: an interruptible wait that Stop() cuts short; empty random: RealRandom().
    Sleeper sleeper;
    RandomSource random;
    // One line per call, no trailing newline. Empty: a line of component
    // "socket_mode" in the JSON log (bot/observability/log.h).
    std::function<void(const std::string&)> log;
    // Where reconnects (srcbot_socket_reconnects_total) and the time to build
    // each ack (srcbot_ack_seconds) are counted; nullptr: nowhere. Must
    // outlive the client.
    Metrics* metrics = nullptr;
    // Called once, on the supervisor thread, when the client stops by itself
    // (kLinkDisabled, kAuthFailed), e.g. to wake main. Must not call Stop().
    std::function<void(State)> on_halt;
  };

  // Counters since construction, for tests and metrics.
  struct Stats {
    std::uint64_t connections = 0;       // websockets opened
    std::uint64_t reconnects = 0;        // of those, the ones that replaced an earlier one
    std::uint64_t connect_failures = 0;  // failed apps.connections.open or Connect
    std::uint64_t idle_timeouts = 0;     // connections the watchdog gave up on
    std::uint64_t envelopes = 0;         // envelopes received
    std::uint64_t acks = 0;              // acks sent
    std::uint64_t handler_errors = 0;    // handler calls that threw
    std::uint64_t dropped = 0;           // envelopes dropped because the queue was full
  };

  SocketModeClient(SlackApi& app_api, WebSocketConnector& connector, InboundHandler& handler,
                   const core::Clock& clock, Options options);
  ~SocketModeClient();
  SocketModeClient(const SocketModeClient&) = delete;
  SocketModeClient& operator=(const SocketModeClient&) = delete;

  // Starts the supervisor and the workers and returns at once. Once only.
  void Start();
  // Stops accepting envelopes, lets each worker finish the one in hand (queued
  // ones are dropped unacked), closes every connection and joins the threads.
  // Idempotent.
  void Stop();

  State state() const;
  Stats stats() const;
  // Why the client stopped by itself (kLinkDisabled, kAuthFailed); else "".
  std::string last_error() const;

 private:
  using Connection = SocketModeConnection;
  // From a websocket callback to the supervisor.
  struct Control {
    enum class Kind { kHello, kDisconnect, kClosed };
    Kind kind = Kind::kClosed;
    std::uint64_t connection_id = 0;
    std::string reason;  // kDisconnect
  };
  // An envelope waiting for a worker, and where to ack it.
  struct Job {
    std::shared_ptr<Connection> connection;
    SocketFrame frame;
  };

  // The supervisor thread and what only it calls.
  void Supervise();
  void Handle(const Control& control, Backoff& backoff);
  std::shared_ptr<Connection> OpenConnection();
  void Replace(const std::string& why);
  void SetActive(std::shared_ptr<Connection> connection);
  bool closing() const;
  void WaitFor(std::chrono::milliseconds delay);
  void Halt(State state, const std::string& line);

  // The websocket library's threads.
  void OnFrame(const std::shared_ptr<Connection>& connection, const std::string& text);
  void PushControl(Control control);

  // The workers.
  void RunWorker();
  bool SendAck(const Job& job, const std::string& ack);

  void Log(const std::string& line, LogLevel level = LogLevel::kInfo,
           const nlohmann::json& fields = nlohmann::json::object()) const;

  SlackApi& app_api_;
  WebSocketConnector& connector_;
  InboundHandler& handler_;
  const core::Clock& clock_;
  Options options_;

  mutable std::mutex mutex_;
  std::condition_variable control_ready_;  // controls_ or closing_
  std::condition_variable job_ready_;      // jobs_ or stopping_
  bool started_ = false;
  bool stopping_ = false;  // no new envelopes; workers leave after the job in hand
  bool closing_ = false;   // the supervisor closes everything and leaves
  bool halted_ = false;    // the supervisor stopped by itself (link_disabled, auth)
  State state_ = State::kIdle;
  std::string last_error_;
  Stats stats_;
  std::deque<Control> controls_;
  std::deque<Job> jobs_;
  std::shared_ptr<Connection> active_;  // written by the supervisor only
  std::uint64_t next_connection_id_ = 1;

  std::thread supervisor_;
  std::vector<std::thread> workers_;
};

}  // namespace srcbot::bot
