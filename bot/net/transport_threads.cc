#include "bot/net/transport_threads.h"

#include <mutex>
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including
// <utility>, which breaks under C++20 with GCC 12.
#include <utility>

#include <pplx/threadpool.h>

namespace srcbot::bot {

void InitTransportThreads(int n) {
  static std::once_flag once;
  std::call_once(once, [n] {
    // The default pool has 40 threads, which was ~4x slower on 2 cores
    // (CPPREST.md, pitfall 1). initialize_with_threads throws once the pool
    // exists (any earlier cpprest call creates it); the pool we got is usable.
    try {
      crossplat::threadpool::initialize_with_threads(static_cast<size_t>(n < 1 ? 1 : n));
    } catch (...) {
    }
  });
}

}  // namespace srcbot::bot
