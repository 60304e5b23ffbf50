#include "bot/http/beast_connection.h"

#include <string>
#include <string_view>

#include <boost/asio/post.hpp>

namespace srcbot::bot::beast_detail {
namespace {

// After answering a request it refuses (413, 431, 400…), the server stops
// sending and reads what the client still sends, at most this long and this
// much, before closing: closing with unread bytes makes the kernel reset the
// connection, and the client would then lose the answer it has not read yet.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes = 4u << 20;

HttpResponse WithStatus(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

HttpRequest ToHttpRequest(http::request<http::string_body>&& in) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  // Kept as received (still percent-encoded): decoding "%2F" would let two
  // different paths route alike, and Slack's paths need no decoding.
  const std::string_view target(in.target().data(), in.target().size());
  const std::size_t question = target.find('?');
  out.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) out.query = std::string(target.substr(question + 1));
  for (const auto& field : in) {
    const std::string_view name(field.name_string().data(), field.name_string().size());
    std::string& value = out.headers[LowerHeaderName(name)];
    // A repeated header is joined, never one copy picked: a second
    // signature must not be able to stand in for the first.
    value += (value.empty() ? "" : ", ") + std::string(field.value().data(), field.value().size());
  }
  out.body = std::move(in.body());
  return out;
}

}  // namespace

void Connection::Close() {
  if (closed_) return;
  closed_ = true;
  ReleaseBody();
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
  auto self = shared_from_this();  // `this` lives until the end of this call
  s_.open.erase(this);
}

void Connection::Answer(const HttpResponse& response) {
  if (closed_) return s_.AnswerWritten();
  Write(ToMessage(response), /*close=*/!keep_alive_, /*in_flight=*/true);
}

void Connection::ReadHeader() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(s_.limits.max_header_bytes));
  parser_->body_limit(s_.max_body_bytes);
  // One deadline for the whole request, including the wait for its first
  // byte: a slow client cannot stretch it by trickling bytes.
  stream_.expires_after(s_.limits.request_timeout);
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
}

void Connection::OnHeader(beast::error_code ec) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return Refuse(431);
  }
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted || ec == asio::error::eof ||
      ec == asio::error::connection_reset) {
    return Close();
  }
  // The parser compares a Content-Length with the body limit itself.
  if (ec == http::error::body_limit) return Refuse(413);
  if (ec) return Refuse(400);  // not HTTP/1.x
  const auto& request = parser_->get();
  keep_alive_ = request.keep_alive();
  // Slack sends a Content-Length; a chunked body has no length to check up
  // front, so it is refused rather than read to find out.
  if (request.chunked()) return Refuse(413);
  const std::size_t length = parser_->content_length().value_or(0);
  if (length > s_.max_body_bytes) return Refuse(413);
  if (s_.buffered_body_bytes + length > s_.limits.max_buffered_body_bytes) {
    return Refuse(503);
  }
  reserved_ = length;
  s_.buffered_body_bytes += length;
  if (beast::iequals(request[http::field::expect], "100-continue") && length > 0) {
    auto go_on = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                    request.version());
    return http::async_write(stream_, *go_on,
                             [self = shared_from_this(), go_on](beast::error_code ec, std::size_t) {
                               if (ec) return self->Close();
                               self->ReadBody();
                             });
  }
  ReadBody();
}

void Connection::ReadBody() {
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnBody(ec); });
}

void Connection::OnBody(beast::error_code ec) {
  if (ec == http::error::body_limit) return Refuse(413);
  if (ec) return Close();   // timed out, or the client left mid-body
  stream_.expires_never();  // the handler's time is not the client's
  bool stopping;
  {
    std::lock_guard<std::mutex> lock(s_.mu);
    stopping = s_.stopping;
  }
  if (stopping) return Refuse(503);
  Dispatch(parser_->release());
}

void Connection::Dispatch(http::request<http::string_body> in) {
  head_ = in.method() == http::verb::head;
  {
    std::lock_guard<std::mutex> lock(s_.mu);
    ++s_.in_flight;
  }
  // The answer comes from a worker and is written here, on the I/O thread.
  // The task holds no shared_ptr: one never run stays in `io`, inside Shared.
  s_.workers->Submit(
      ToHttpRequest(std::move(in)),
      [s = s_.shared_from_this(), weak = weak_from_this()](const HttpResponse& response) {
        asio::post(s->io, [raw = s.get(), weak, response] {
          if (auto connection = weak.lock()) {
            connection->Answer(response);
          } else {
            raw->AnswerWritten();  // the client left before the answer
          }
        });
      });
}

void Connection::Refuse(int status) {
  HttpResponse r = WithStatus(status);
  if (status == 503) r.headers["retry-after"] = "1";
  Write(ToMessage(r), /*close=*/true, /*in_flight=*/false);
}

Message Connection::ToMessage(const HttpResponse& r) const {
  Message out;
  out.version(11);
  out.result(static_cast<unsigned>(r.status));
  if (!r.content_type.empty()) out.set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) out.set(name, value);
  out.body() = r.body;
  out.prepare_payload();
  return out;
}

void Connection::Write(Message message, bool close, bool in_flight) {
  if (beast::iequals(message[http::field::connection], "close")) close = true;
  message.keep_alive(!close);
  if (head_) message.body().clear();  // the Content-Length stays the GET's
  auto held = std::make_shared<Message>(std::move(message));
  stream_.expires_after(s_.limits.write_timeout);
  http::async_write(
      stream_, *held,
      [self = shared_from_this(), held, close, in_flight](beast::error_code ec, std::size_t) {
        self->OnWritten(ec, close, in_flight);
      });
}

void Connection::OnWritten(beast::error_code ec, bool close, bool in_flight) {
  ReleaseBody();
  if (in_flight) s_.AnswerWritten();
  if (ec) return Close();
  if (!close) return ReadHeader();
  Linger();
}

void Connection::Linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLingerTime);
  Discard();
}

void Connection::Discard() {
  stream_.async_read_some(asio::buffer(scratch_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->lingered_ += n;
                            if (ec || self->lingered_ > kLingerBytes) return self->Close();
                            self->Discard();
                          });
}

void Connection::ReleaseBody() {
  s_.buffered_body_bytes -= reserved_;
  reserved_ = 0;
}

}  // namespace srcbot::bot::beast_detail
