// Hostile input against the real binary in http mode (issue 10, item 5): for
// each kind, the bad request gets a clear status, the bot stays up and keeps
// answering well-formed signed requests meanwhile and afterwards, and nothing
// it holds (cases, timeline, posts to Slack) changes for the bad request.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/scenario/scenario_support.h"
#include "tests/fakes/loopback_socket.h"

using namespace srcbot::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kForm = "application/x-www-form-urlencoded";
const std::string kJson = "application/json";

// A loopback connection to srcbot (-1 on failure); reads give up after `wait`.
int Connect(int port, std::chrono::milliseconds wait = 5000ms) {
  return srcbot::testing::ConnectLoopback(port, wait);
}

bool SendAll(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// The status code of the response arriving on `fd` (0 when none does).
int ReadStatus(int fd) {
  std::string got;
  char buf[1024];
  ssize_t n;
  while (got.find("\r\n") == std::string::npos && (n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
    got.append(buf, static_cast<std::size_t>(n));
  }
  if (got.rfind("HTTP/1.1 ", 0) != 0 || got.size() < 12) return 0;
  return std::stoi(got.substr(9, 3));
}

// Raw bytes in, status code out, for requests no HTTP client would send.
int RawStatus(int port, const std::string& bytes) {
  int fd = Connect(port);
  int status = fd >= 0 && SendAll(fd, bytes) ? ReadStatus(fd) : 0;
  if (fd >= 0) ::close(fd);
  return status;
}

// True when srcbot closed `fd` (EOF or reset) within its read timeout.
bool ClosedByServer(int fd) {
  char buf[1024];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
}

// Resident memory of process `pid`, in KiB (0 when unknown).
long RssKiB(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string CommandBody(const std::string& text, const std::string& user = kAlice) {
  return Scenario::FormBody({{"team_id", "T0"},
                             {"channel_id", kSrcChannel},
                             {"user_id", user},
                             {"command", "/src"},
                             {"text", text},
                             {"api_app_id", "A0SRC"}});
}

// A correctly signed POST; its status, or 0 when no answer came.
int SignedPost(Scenario& s, const std::string& path, const std::string& body,
               const std::string& type, std::string* answer = nullptr) {
  auto r = s.Post(path, body, Scenario::Signed(body, std::time(nullptr), type));
  if (!r.ok()) return 0;
  if (answer != nullptr) *answer = r.value().body;
  return r.value().status;
}

// One case (SRC-1) with a post in the SRC channel: what must stay as it is.
struct Baseline {
  explicit Baseline(Scenario& s) : s(s) {
    s.Command("report \"Baseline\"");
    REQUIRE(s.WaitForPost(kSrcChannel, "Baseline"));
    state = State();
  }
  // The timeline, whether a second case exists, and what went to Slack (the
  // list is left out: it shows deadlines relative to now).
  std::string State() {
    return Ask("timeline SRC-1") + "\n" + Ask("show SRC-2") + "\nposts " +
           std::to_string(s.slack().Messages().size());
  }
  // The scenario's own HTTP client pools connections, and where srcbot has
  // reaped them as idle each fails once (cpprest #592; Slack and nginx open
  // a new one): a few tries, so what is compared is srcbot's answer.
  std::string Ask(const std::string& text) {
    std::string answer;
    for (int i = 0; i < 4; ++i) {
      answer = s.Command(text);
      if (answer.rfind("<no response", 0) != 0) break;
    }
    return answer;
  }
  // The bot answers a well-formed command at once and nothing has changed.
  void CheckUnchanged() {
    const auto start = Clock::now();
    CHECK(State() == state);
    CHECK(Clock::now() - start < 2s);
  }
  Scenario& s;
  std::string state;
};

// How long a well-formed signed command takes to be answered, or 10 s.
std::chrono::milliseconds TimedCommand(Scenario& s) {
  const auto start = Clock::now();
  std::string answer = s.Command("list");
  if (answer.find("SRC-1") == std::string::npos) return 10s;
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

TEST_CASE("hostile: huge bodies are refused 413 from their headers, unread",
          "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);
  const long rss_before = RssKiB(s.bot_pid());

  // 10 GB announced, then sent as fast as loopback goes for up to 2 s. The
  // 413 comes from the headers and srcbot stops reading soon after; a
  // listener that read the body first would have taken hundreds of MB.
  std::size_t sent = 0;
  int status = 0;
  std::thread answered_meanwhile;
  std::chrono::milliseconds meanwhile{10s};
  {
    int fd = Connect(s.http_port(), 2000ms);
    REQUIRE(fd >= 0);
    REQUIRE(SendAll(fd, "POST /slack/commands HTTP/1.1\r\nHost: x\r\nContent-Type: " + kForm +
                            "\r\nContent-Length: 10000000000\r\n\r\n"));
    answered_meanwhile = std::thread([&] { meanwhile = TimedCommand(s); });
    const std::string chunk(64 * 1024, 'a');
    const auto start = Clock::now();
    while (Clock::now() - start < 2s) {
      ssize_t n = ::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) sent += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) break;  // srcbot closed it
      if (n < 0) std::this_thread::sleep_for(1ms);
    }
    status = ReadStatus(fd);
    ::close(fd);
  }
  answered_meanwhile.join();
  CHECK(status == 413);
  CHECK(sent < 64u << 20);
  CHECK(meanwhile < 1s);

  // A chunked body has no length to check, so it is refused without reading it.
  CHECK(RawStatus(s.http_port(),
                  "POST /slack/events HTTP/1.1\r\nHost: x\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n7fffffff\r\n" +
                      std::string(1 << 20, 'a')) == 413);
  // One byte over the configured 1 MiB, correctly signed: still 413.
  CHECK(SignedPost(s, "/slack/commands", CommandBody(std::string((1 << 20) + 1, 'x')), kForm) ==
        413);

  CHECK(RssKiB(s.bot_pid()) - rss_before < 32 * 1024);
  baseline.CheckUnchanged();
}

TEST_CASE("hostile: deeply nested JSON is refused 400 before it is parsed", "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);

  std::string answer;
  const std::string deep_event =
      R"({"type":"event_callback","event_id":"EvDeep","team_id":"T0","event":)" + Nested(100'000) +
      "}";
  CHECK(SignedPost(s, "/slack/events", deep_event, kJson, &answer) == 400);
  CHECK(answer == "JSON nested too deeply");
  std::string deep_objects = R"({"type":"event_callback","event_id":"EvDeep2","event":)";
  for (int i = 0; i < 50'000; ++i) deep_objects += R"({"a":)";
  deep_objects += "1" + std::string(50'001, '}');
  CHECK(SignedPost(s, "/slack/events", deep_objects, kJson) == 400);

  const std::string deep_click =
      R"({"type":"block_actions","user":{"id":"U0ALICE"},"api_app_id":"A0SRC",)"
      R"("channel":{"id":"C0SRC"},"actions":)" +
      Nested(100'000) + "}";
  CHECK(SignedPost(s, "/slack/interactions", Scenario::FormBody({{"payload", deep_click}}), kForm,
                   &answer) == 400);
  CHECK(answer == "payload nested too deeply");

  // Slack's own nesting is far shallower and still goes through.
  CHECK(s.Event({{"type", "member_joined_channel"},
                 {"user", kBob},
                 {"channel", kSrcChannel},
                 {"deep", nlohmann::json::parse(Nested(20))}}));
  baseline.CheckUnchanged();
}

TEST_CASE("hostile: invalid UTF-8 and NUL bytes are refused whole, valid oddities go through",
          "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);
  std::string answer;

  // Not UTF-8, percent-encoded or raw: the form decoder refuses the body.
  CHECK(SignedPost(s, "/slack/commands", CommandBody("report \"bad \xff\xfe\""), kForm, &answer) ==
        400);
  CHECK(answer == "malformed form body");
  CHECK(SignedPost(s, "/slack/commands", CommandBody("list") + "&x=\xc3\x28", kForm) == 400);
  // A NUL (or any control byte) in the command text: a clear error, no case.
  CHECK(SignedPost(s, "/slack/commands", CommandBody(std::string("report \"nul\0here\"", 17)),
                   kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("control character"));
  CHECK(SignedPost(s, "/slack/commands", CommandBody("report \"bell\a\""), kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("control character"));
  // A NUL in the user id names nobody on the SRC.
  CHECK(SignedPost(s, "/slack/commands", CommandBody("report \"x\"", std::string("U0AL\0ICE", 8)),
                   kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("only SRC members"));

  // JSON bodies: bytes that are not UTF-8, and a lone surrogate escape.
  CHECK(SignedPost(s, "/slack/events",
                   "{\"type\":\"event_callback\",\"event_id\":\"Ev\xff\",\"event\":{}}",
                   kJson) == 400);
  CHECK(SignedPost(s, "/slack/events",
                   R"({"type":"event_callback","event_id":"Ev1","event":{"text":"\ud800"}})",
                   kJson) == 400);
  CHECK(SignedPost(s, "/slack/interactions",
                   Scenario::FormBody({{"payload", "{\"type\":\"block_actions\",\"x\":\"\xff\"}"}}),
                   kForm) == 400);
  // The report form submitted with a NUL in its title: the modal shows the
  // error and stays open (200 with errors), no case is opened.
  nlohmann::json submission = {
      {"type", "view_submission"},
      {"user", {{"id", kAlice}}},
      {"api_app_id", "A0SRC"},
      {"view",
       {{"callback_id", "src_report"},
        {"private_metadata", nlohmann::json{{"channel", kSrcChannel}}.dump()},
        {"state",
         {{"values",
           {{"title",
             {{"title", {{"type", "plain_text_input"}, {"value", std::string("a\0b", 3)}}}}}}}}}}}};
  CHECK(SignedPost(s, "/slack/interactions", Scenario::FormBody({{"payload", submission.dump()}}),
                   kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("\"response_action\":\"errors\""));
  CHECK_THAT(answer, Catch::Contains("control character"));

  // Raw HTTP: a NUL in a header, bytes above 0x7F in the path.
  CHECK(RawStatus(s.http_port(), std::string("GET /healthz HTTP/1.1\r\nX-A: a\0b\r\n\r\n", 36)) ==
        400);
  const int odd_path = RawStatus(s.http_port(), "GET /slack/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK((odd_path == 400 || odd_path == 404));
  baseline.CheckUnchanged();

  // Valid but unusual text (emoji, right-to-left, combining marks, U+2028,
  // a noncharacter) is a title like any other, stored and posted intact.
  const std::string odd =
      "\xF0\x9F\x94\x92 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D e\xCC\x81 \xE2\x80\xA8 \xEF\xBF\xBF";
  CHECK(s.Command("report \"" + odd + "\"").find("Error") == std::string::npos);
  CHECK(s.WaitForPost(kSrcChannel, odd));
  CHECK_THAT(s.Command("show SRC-2"), Catch::Contains(odd));
}

TEST_CASE("hostile: a 10,000-argument command gets a bounded error at once",
          "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);

  std::string ten_thousand = "report";
  for (int i = 0; i < 10'000; ++i) ten_thousand += " a" + std::to_string(i);
  std::string mentions = "team SRC-1 add";
  for (int i = 0; i < 10'000; ++i) mentions += " <@U" + std::to_string(i) + ">";
  std::string short_words = "report";  // 2,000 words in under 8,000 bytes
  for (int i = 0; i < 2'000; ++i) short_words += " a";
  for (const std::string& text : {ten_thousand, mentions, short_words}) {
    const auto start = Clock::now();
    const std::string answer = s.Command(text);
    CHECK(Clock::now() - start < 1s);
    CHECK_THAT(answer, Catch::StartsWith("Error: the command"));
    CHECK_THAT(answer, Catch::Contains("Nothing was changed."));
    CHECK(answer.size() < 200);
  }
  baseline.CheckUnchanged();
}

TEST_CASE("hostile: slow clients are dropped at the request timeout; others answered meanwhile",
          "[scenario][hostile]") {
  Scenario s("http");
  s.extra_args = {"--http-request-timeout", "1"};
  REQUIRE(s.StartBot());
  Baseline baseline(s);

  // 100 slowloris connections: a byte of headers every 100 ms, round robin,
  // for 2 s, twice the request timeout.
  std::vector<int> slow;
  for (int i = 0; i < 100; ++i) slow.push_back(Connect(s.http_port(), 2000ms));
  REQUIRE(std::count(slow.begin(), slow.end(), -1) == 0);
  const std::string head =
      "POST /slack/commands HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(1000, 'a');
  std::atomic<int> cut_off{0};
  std::thread trickle([&] {
    std::vector<bool> open(slow.size(), true);
    const auto start = Clock::now();
    for (std::size_t at = 0; Clock::now() - start < 2s; ++at) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        if (open[i] && ::send(slow[i], &head[at], 1, MSG_NOSIGNAL) != 1) {
          open[i] = false;
          ++cut_off;
        }
      }
      std::this_thread::sleep_for(100ms);
    }
  });
  std::chrono::milliseconds slowest{0};
  for (int i = 0; i < 5; ++i) {
    slowest = std::max(slowest, TimedCommand(s));
    std::this_thread::sleep_for(150ms);
  }
  trickle.join();
  CHECK(slowest < 1s);
  int closed = cut_off;
  for (int fd : slow) {
    // Those not yet seen failing must be closed by now (EOF at once).
    timeval tv{0, 200'000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }
  if (closed < 100) {
    closed = 0;
    for (int fd : slow) closed += ClosedByServer(fd) ? 1 : 0;
  }
  CHECK(closed == 100);
  for (int fd : slow) ::close(fd);
  baseline.CheckUnchanged();
}

TEST_CASE("hostile: 2,000 idle connections; others answered, memory bounded, idle ones reaped",
          "[scenario][hostile]") {
  rlimit ours{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &ours) == 0);
  if (ours.rlim_max != RLIM_INFINITY && ours.rlim_max < 4096) {
    WARN("hard open-file limit " << ours.rlim_max << " is below 4096: skipped");
    return;
  }
  Scenario s("http");
  s.extra_args = {"--http-request-timeout", "1"};
  // srcbot starts with the soft limit a systemd service gets (1024) and must
  // raise it itself; this process needs its own back for 2,000 sockets.
  rlimit low = ours;
  low.rlim_cur = 1024;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
  const bool started = s.StartBot();
  rlimit wide = ours;
  if (wide.rlim_cur != RLIM_INFINITY && wide.rlim_cur < 4096) wide.rlim_cur = 4096;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &wide) == 0);
  REQUIRE(started);
  CHECK_THAT(s.BotOutput(), Catch::Contains("\"max_connections\":4096"));
  Baseline baseline(s);
  const long rss_before = RssKiB(s.bot_pid());

  std::vector<int> idle;
  for (int i = 0; i < 2000; ++i) {
    int fd = Connect(s.http_port(), 2000ms);
    if (fd < 0) break;
    idle.push_back(fd);
  }
  CHECK(idle.size() == 2000);
  std::chrono::milliseconds slowest{0};
  for (int i = 0; i < 3; ++i) slowest = std::max(slowest, TimedCommand(s));
  CHECK(slowest < 1s);
  CHECK(RssKiB(s.bot_pid()) - rss_before < 32 * 1024);
  // The request timeout reaps idle connections too.
  std::this_thread::sleep_for(1200ms);
  int reaped = 0;
  for (std::size_t i = 0; i < idle.size(); i += 100) reaped += ClosedByServer(idle[i]) ? 1 : 0;
  CHECK(reaped == static_cast<int>((idle.size() + 99) / 100));
  for (int fd : idle) ::close(fd);
  baseline.CheckUnchanged();
  setrlimit(RLIMIT_NOFILE, &ours);
}
