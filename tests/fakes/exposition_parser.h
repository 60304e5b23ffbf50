#pragma once
// A strict reader of the Prometheus text exposition format 0.0.4, for tests:
// it parses what /metrics serves back into families and samples, and lists
// every rule the text breaks (errors empty = well formed). Checked: each line
// is a HELP, a TYPE or a sample; names and label names are legal; label values
// use only the \\, \" and \n escapes; numbers parse (incl. +Inf, -Inf, NaN);
// every sample belongs to a family whose TYPE came before it, and a family's
// samples are not interleaved with another's; no series appears twice; a
// histogram's buckets have ascending `le` ending in "+Inf", cumulative counts,
// and +Inf equal to _count, with _sum and _count present.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace srcbot::testing {

struct PromSample {
  std::string name;  // as written: "srcbot_ack_seconds_bucket"
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct PromFamily {
  std::string name;
  std::string help;
  std::string type;  // counter, gauge, histogram, summary, untyped
};

struct Exposition {
  std::map<std::string, PromFamily> families;
  std::vector<PromSample> samples;
  std::vector<std::string> errors;

  // The value of the sample with exactly these labels; nullopt when absent.
  std::optional<double> Value(const std::string& name,
                              const std::map<std::string, std::string>& labels = {}) const;
  // Every sample named `name`.
  std::vector<PromSample> Of(const std::string& name) const;
};

Exposition ParseExposition(const std::string& text);

}  // namespace srcbot::testing
