#pragma once
// Ports for tests that listen on 127.0.0.1.

namespace srcbot::testing {

// A TCP port on 127.0.0.1 that was free a moment ago: binds port 0, reads the
// port the kernel chose, closes the socket. Another process may take it before
// the caller binds; tests accept that small race. Returns 0 if no socket could
// be bound.
int FreeLoopbackPort();

}  // namespace srcbot::testing
