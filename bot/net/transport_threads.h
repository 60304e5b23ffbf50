#pragma once
// The size of cpprestsdk's shared task pool, which serves the HTTP listener,
// the HTTP client and websocket handlers alike.

namespace srcbot::bot {

// Sizes the shared pool to `n` threads (at least 1). Call once from main before
// any other transport is built; later calls, and calls after cpprestsdk has
// already created its default pool, do nothing. Thread-safe.
void InitTransportThreads(int n);

}  // namespace srcbot::bot
