#include "bot/observability/prometheus.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace srcbot::bot {
namespace {

// HELP text escapes only backslash and newline (the format's rule).
std::string EscapeHelp(std::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Header(std::string* out, std::string_view name, std::string_view help, std::string_view type) {
  *out += "# HELP ";
  *out += name;
  *out += ' ';
  *out += EscapeHelp(help);
  *out += "\n# TYPE ";
  *out += name;
  *out += ' ';
  *out += type;
  *out += '\n';
}

}  // namespace

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return "NaN";
  return std::string(buf, end);
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

CounterFamily::CounterFamily(std::string name, std::string help, std::vector<LabelSpec> labels)
    : name_(std::move(name)), help_(std::move(help)), labels_(std::move(labels)) {
  for (LabelSpec& label : labels_) {
    // A fallback outside the set would be a series nobody listed: add it.
    if (std::find(label.values.begin(), label.values.end(), label.fallback) == label.values.end()) {
      label.values.push_back(label.fallback);
    }
    std::map<std::string, std::size_t, std::less<>> positions;
    for (std::size_t i = 0; i < label.values.size(); ++i) positions.emplace(label.values[i], i);
    positions_.push_back(std::move(positions));
    series_ *= label.values.size();
  }
  counts_ = std::make_unique<std::atomic<std::uint64_t>[]>(series_);
  for (std::size_t i = 0; i < series_; ++i) counts_[i] = 0;
}

// Mixed radix: the last label varies fastest, which is also the render order.
std::size_t CounterFamily::Index(std::initializer_list<std::string_view> values) const {
  std::size_t index = 0;
  auto value = values.begin();
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const auto& positions = positions_[i];
    auto found = value != values.end() ? positions.find(*value) : positions.end();
    std::size_t position =
        found != positions.end() ? found->second : positions.find(labels_[i].fallback)->second;
    index = index * labels_[i].values.size() + position;
    if (value != values.end()) ++value;
  }
  return index;
}

void CounterFamily::Inc(std::initializer_list<std::string_view> values, std::uint64_t n) {
  counts_[Index(values)].fetch_add(n, std::memory_order_relaxed);
}

std::uint64_t CounterFamily::Value(std::initializer_list<std::string_view> values) const {
  return counts_[Index(values)].load(std::memory_order_relaxed);
}

void CounterFamily::Render(std::string* out) const {
  Header(out, name_, help_, "counter");
  for (std::size_t index = 0; index < series_; ++index) {
    // Decompose the index back into one value per label, last label first.
    std::vector<const std::string*> values(labels_.size());
    std::size_t rest = index;
    for (std::size_t i = labels_.size(); i-- > 0;) {
      values[i] = &labels_[i].values[rest % labels_[i].values.size()];
      rest /= labels_[i].values.size();
    }
    *out += name_;
    if (!labels_.empty()) {
      *out += '{';
      for (std::size_t i = 0; i < labels_.size(); ++i) {
        if (i > 0) *out += ',';
        *out += labels_[i].name + "=\"" + EscapeLabelValue(*values[i]) + '"';
      }
      *out += '}';
    }
    *out += ' ' + std::to_string(counts_[index].load(std::memory_order_relaxed)) + '\n';
  }
}

Histogram::Histogram(std::string name, std::string help, std::vector<double> bounds)
    : name_(std::move(name)), help_(std::move(help)), bounds_(std::move(bounds)) {
  std::sort(bounds_.begin(), bounds_.end());
  bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());
  buckets_.assign(bounds_.size() + 1, 0);
}

void Histogram::Observe(double value) {
  // The bucket is the first bound that is >= value (le = "less or equal").
  std::size_t bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  std::lock_guard<std::mutex> lock(mutex_);
  ++buckets_[bucket];
  sum_ += value;
  ++count_;
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  std::lock_guard<std::mutex> lock(mutex_);
  std::uint64_t running = 0;
  for (std::uint64_t n : buckets_) s.cumulative.push_back(running += n);
  s.sum = sum_;
  s.count = count_;
  return s;
}

void Histogram::Render(std::string* out) const {
  // One snapshot, so that the +Inf bucket always equals _count.
  Snapshot s = Read();
  Header(out, name_, help_, "histogram");
  for (std::size_t i = 0; i < s.cumulative.size(); ++i) {
    std::string le = i < bounds_.size() ? FormatSampleValue(bounds_[i]) : "+Inf";
    *out += name_ + "_bucket{le=\"" + le + "\"} " + std::to_string(s.cumulative[i]) + '\n';
  }
  *out += name_ + "_sum " + FormatSampleValue(s.sum) + '\n';
  *out += name_ + "_count " + std::to_string(s.count) + '\n';
}

void RenderGauge(std::string* out, std::string_view name, std::string_view help, double value) {
  Header(out, name, help, "gauge");
  *out += name;
  *out += ' ' + FormatSampleValue(value) + '\n';
}

}  // namespace srcbot::bot
