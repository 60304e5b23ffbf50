#include "bot/runtime/backoff.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

namespace srcbot::bot {

Sleeper RealSleeper() {
  return [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

RandomSource RealRandom() {
  struct Shared {
    std::mutex mutex;
    std::mt19937_64 engine{std::random_device{}()};
    std::uniform_real_distribution<double> dist{0.0, 1.0};
  };
  auto shared = std::make_shared<Shared>();
  return [shared] {
    std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->dist(shared->engine);
  };
}

MonotonicNow RealMonotonicNow() {
  return [] { return std::chrono::steady_clock::now(); };
}

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds max, RandomSource random)
    : base_(std::max(base, std::chrono::milliseconds(0))),
      max_(std::max(max, base_)),
      random_(std::move(random)) {}

std::chrono::milliseconds Backoff::Next() {
  // Doubling stops once max is reached, so the shift never overflows.
  std::chrono::milliseconds delay = base_;
  for (int i = 0; i < tries_ && delay < max_; ++i) delay *= 2;
  delay = std::min(delay, max_);
  if (tries_ < 64) ++tries_;
  if (!random_) return delay;
  double r = std::clamp(random_(), 0.0, 1.0);
  auto half = delay / 2;
  return half + std::chrono::milliseconds(
                    static_cast<long long>(r * static_cast<double>((delay - half).count())));
}

}  // namespace srcbot::bot
