#pragma once
// A raw TCP client socket to 127.0.0.1, for tests that must send what no
// HTTP client would (a byte at a time, headers without end, idle sockets).

#include <chrono>

namespace srcbot::testing {

// A connected socket to 127.0.0.1:`port` whose reads give up after `wait`;
// -1 when it cannot connect. The caller closes it.
int ConnectLoopback(int port, std::chrono::milliseconds wait = std::chrono::seconds(5));

}  // namespace srcbot::testing
