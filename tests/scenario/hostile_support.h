#pragma once
// What the hostile-input scenarios share (hostile_body_test.cc,
// hostile_connection_test.cc): raw loopback sockets for requests no HTTP
// client would send, signed posts, the bot's resident memory, and a Baseline
// case that must come out of every attack unchanged.

#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "tests/scenario/scenario_support.h"

namespace srcbot::testing {

inline const std::string kForm = "application/x-www-form-urlencoded";
inline const std::string kJson = "application/json";

// A loopback connection to srcbot (-1 on failure); reads give up after `wait`.
int Connect(int port, std::chrono::milliseconds wait = std::chrono::milliseconds(5000));

bool SendAll(int fd, const std::string& bytes);

// The status code of the response arriving on `fd` (0 when none does).
int ReadStatus(int fd);

// Raw bytes in, status code out, for requests no HTTP client would send.
int RawStatus(int port, const std::string& bytes);

// True when srcbot closed `fd` (EOF or reset) within its read timeout.
bool ClosedByServer(int fd);

// Resident memory of process `pid`, in KiB (0 when unknown).
long RssKiB(int pid);

std::string CommandBody(const std::string& text, const std::string& user = kAlice);

// A correctly signed POST; its status, or 0 when no answer came.
int SignedPost(Scenario& s, const std::string& path, const std::string& body,
               const std::string& type, std::string* answer = nullptr);

// One case (SRC-1) with a post in the SRC channel: what must stay as it is.
struct Baseline {
  explicit Baseline(Scenario& s);
  // The timeline, whether a second case exists, and what went to Slack (the
  // list is left out: it shows deadlines relative to now).
  std::string State();
  // The scenario's own HTTP client pools connections, and where srcbot has
  // reaped them as idle each fails once (cpprest #592; Slack and nginx open
  // a new one): a few tries, so what is compared is srcbot's answer.
  std::string Ask(const std::string& text);
  // The bot answers a well-formed command at once and nothing has changed.
  void CheckUnchanged();
  Scenario& s;
  std::string state;
};

// How long a well-formed signed command takes to be answered, or 10 s.
std::chrono::milliseconds TimedCommand(Scenario& s);

}  // namespace srcbot::testing
