#pragma once
// Exponential backoff with jitter, and the two seams every waiting loop in
// bot/ needs so that tests never sleep or roll dice: a Sleeper and a
// RandomSource.
//
// Delay for try n (counting from 0): d = min(max, base * 2^n), then "equal
// jitter": a value drawn uniformly from [d/2, d]. Half the delay is kept so a
// retry never comes back at once; the other half spreads clients apart.
//
// A Backoff object is not thread-safe: each retry loop owns its own.

#include <chrono>
#include <functional>

namespace srcbot::bot {

// Blocks the calling thread; the real one is std::this_thread::sleep_for.
using Sleeper = std::function<void(std::chrono::milliseconds)>;
// Returns a number in [0, 1).
using RandomSource = std::function<double()>;
// Monotonic time for rate limits; the real one is std::chrono::steady_clock::now.
using MonotonicNow = std::function<std::chrono::steady_clock::time_point()>;

Sleeper RealSleeper();
// A thread-safe Mersenne Twister seeded from std::random_device.
RandomSource RealRandom();
MonotonicNow RealMonotonicNow();

class Backoff {
 public:
  // `random` may be empty: then no jitter (the full delay is used).
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds max, RandomSource random);

  // The delay before the next try; each call doubles the next one, up to max.
  std::chrono::milliseconds Next();
  // After a success: the next delay starts from `base` again.
  void Reset() { tries_ = 0; }
  int tries() const { return tries_; }

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds max_;
  RandomSource random_;
  int tries_ = 0;
};

}  // namespace srcbot::bot
