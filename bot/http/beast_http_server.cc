// The Boost.Beast listener: accepting connections (a Connection each, up to
// max_connections), and starting and stopping with a grace for the answers in
// flight. What one connection does is in beast_connection.cc.

#include <future>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>

#include "bot/http/beast_connection.h"
#include "bot/http/handler_workers.h"
#include "bot/http/http_server.h"

namespace srcbot::bot {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using beast_detail::Connection;
using beast_detail::Shared;

// How long Stop() lets handlers in flight finish.
constexpr auto kStopGrace = std::chrono::seconds(5);
// An accept that failed (out of descriptors) is retried after this pause; at
// once would spin, since the connection it could not take stays queued.
constexpr auto kAcceptRetry = std::chrono::milliseconds(100);
// Answered on a connection over max_connections, without reading anything.
constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
    "Content-Length: 0\r\n\r\n";

void AcceptNext(Shared& s) {
  s.acceptor->async_accept([&s](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !s.acceptor->is_open()) return;
    if (ec) {
      s.accept_retry->expires_after(kAcceptRetry);
      s.accept_retry->async_wait([&s](beast::error_code wait) {
        if (!wait && s.acceptor->is_open()) AcceptNext(s);
      });
      return;
    }
    if (static_cast<int>(s.open.size()) >= s.limits.max_connections) {
      // Nothing has been read from it, so closing sends no reset; the short
      // answer fits in an empty send buffer, so it cannot block.
      beast::error_code ignored;
      socket.non_blocking(true, ignored);
      socket.write_some(asio::buffer(kBusy.data(), kBusy.size()), ignored);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    } else {
      auto connection = std::make_shared<Connection>(s, std::move(socket));
      s.open.emplace(connection.get(), connection);
      connection->Start();
    }
    AcceptNext(s);
  });
}

class BeastHttpServer : public HttpServer {
 public:
  BeastHttpServer(int worker_threads, HttpServerLimits limits)
      : worker_threads_(worker_threads < 1 ? 1 : worker_threads), limits_(limits) {}
  ~BeastHttpServer() override { Stop(); }

  core::Status Start(const std::string& host, int port, std::size_t max_body_bytes,
                     Handler handler) override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    const std::string where = host + ":" + std::to_string(port);
    if (shared_) return core::Status::Invalid("already listening, asked for " + where);
    auto s = std::make_shared<Shared>();
    s->limits = limits_;
    s->max_body_bytes = max_body_bytes;
    try {
      tcp::resolver resolver(s->io);
      tcp::endpoint endpoint = *resolver.resolve(host, std::to_string(port)).begin();
      s->acceptor.emplace(s->io);
      s->acceptor->open(endpoint.protocol());
      s->acceptor->set_option(asio::socket_base::reuse_address(true));
      s->acceptor->bind(endpoint);
      s->acceptor->listen(asio::socket_base::max_listen_connections);
    } catch (const std::exception& e) {
      return core::Status::Unavailable("cannot listen on " + where + ": " + e.what());
    }
    s->accept_retry.emplace(s->io);
    workers_ = std::make_unique<HandlerWorkers>(std::move(handler), worker_threads_);
    s->workers = workers_.get();
    shared_ = s;
    s->keep_running.emplace(s->io.get_executor());
    AcceptNext(*s);
    io_thread_ = std::thread([s] { s->io.run(); });
    return core::Status::Ok();
  }

  void Stop() override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    if (!shared_) return;
    std::shared_ptr<Shared> s = shared_;
    OnIoThread([&s] {
      beast::error_code ignored;
      s->acceptor->close(ignored);
      s->accept_retry->cancel();
    });
    {
      std::unique_lock<std::mutex> s_lock(s->mu);
      s->stopping = true;
      s->cv.wait_for(s_lock, kStopGrace, [&] { return s->in_flight == 0; });
    }
    OnIoThread([&s] {
      std::vector<std::shared_ptr<Connection>> all;
      for (auto& [raw, connection] : s->open) all.push_back(connection);
      for (auto& connection : all) connection->Close();
    });
    s->keep_running.reset();
    s->io.stop();
    io_thread_.join();
    workers_->Stop();  // what is still queued is answered into the stopped I/O
    workers_.reset();
    shared_.reset();
  }

 private:
  // Runs `task` on the I/O thread and waits for it (bounded: should the
  // thread be wedged, Stop still ends).
  void OnIoThread(std::function<void()> task) {
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    asio::post(shared_->io, [task = std::move(task), done] {
      task();
      done->set_value();
    });
    finished.wait_for(kStopGrace);
  }

  const int worker_threads_;
  const HttpServerLimits limits_;
  std::mutex lifecycle_mu_;
  std::shared_ptr<Shared> shared_;
  std::thread io_thread_;
  std::unique_ptr<HandlerWorkers> workers_;
};

}  // namespace

std::unique_ptr<HttpServer> MakeBeastHttpServer(int worker_threads, HttpServerLimits limits) {
  return std::make_unique<BeastHttpServer>(worker_threads, limits);
}

}  // namespace srcbot::bot
