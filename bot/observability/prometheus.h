#pragma once
// Prometheus building blocks with closed label sets, rendered in the text
// exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/):
//
//   # HELP <name> <help>
//   # TYPE <name> counter|gauge|histogram
//   <name>{<label>="<value>",…} <number>
//
// A CounterFamily fixes, per label, the values it accepts; a value outside the
// set is counted under that label's fallback value (itself in the set). So a
// label never carries what the caller did not list, and the number of series
// is the product of the set sizes, every one of them rendered from the start.
// A Histogram has fixed upper bounds and renders `_bucket{le=…}` (cumulative,
// ending with "+Inf"), `_sum` and `_count`.
//
// Thread safety: Inc, Observe and Render may be called from any thread.

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace srcbot::bot {

// One label: its name, the values it may take, and the value counted when a
// caller passes anything else (must be one of `values`).
struct LabelSpec {
  std::string name;
  std::vector<std::string> values;
  std::string fallback;
};

class CounterFamily {
 public:
  // `labels` may be empty: then the family is one plain counter.
  CounterFamily(std::string name, std::string help, std::vector<LabelSpec> labels);

  // Adds `n` to the series named by `values`, one per label in order (missing
  // ones count as the fallback, extra ones are ignored).
  void Inc(std::initializer_list<std::string_view> values, std::uint64_t n = 1);
  // The current value of a series, for tests.
  std::uint64_t Value(std::initializer_list<std::string_view> values) const;

  // Appends HELP, TYPE and one line per series (in label-value order).
  void Render(std::string* out) const;
  const std::string& name() const { return name_; }

 private:
  std::size_t Index(std::initializer_list<std::string_view> values) const;

  std::string name_;
  std::string help_;
  std::vector<LabelSpec> labels_;
  // Per label: value → its position in `values`.
  std::vector<std::map<std::string, std::size_t, std::less<>>> positions_;
  std::size_t series_ = 1;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;
};

class Histogram {
 public:
  // `bounds`: the buckets' upper bounds, ascending; "+Inf" is added.
  Histogram(std::string name, std::string help, std::vector<double> bounds);

  void Observe(double value);

  struct Snapshot {
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot Read() const;

  void Render(std::string* out) const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::string name_;
  std::string help_;
  std::vector<double> bounds_;
  mutable std::mutex mutex_;
  std::vector<std::uint64_t> buckets_;  // not cumulative; the last one is +Inf
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

// Appends HELP, TYPE gauge and the one sample of a gauge without labels.
void RenderGauge(std::string* out, std::string_view name, std::string_view help, double value);

// A number as the format writes it: shortest round-trip form, "+Inf", "-Inf", "NaN".
std::string FormatSampleValue(double value);
// A label value with backslash, double quote and newline escaped.
std::string EscapeLabelValue(std::string_view value);

}  // namespace srcbot::bot
