#include "tests/fakes/exposition_parser.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

namespace srcbot::testing {
namespace {

bool IsNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}
bool IsNameChar(char c) { return IsNameStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

bool IsMetricName(const std::string& s) {
  if (s.empty() || !IsNameStart(s[0])) return false;
  for (char c : s) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

bool IsLabelName(const std::string& s) {
  if (s.empty() || s[0] == ':' || !IsNameStart(s[0])) return false;
  for (char c : s) {
    if (!IsNameChar(c) || c == ':') return false;
  }
  return true;
}

std::optional<double> ParseNumber(const std::string& s) {
  if (s == "+Inf" || s == "Inf") return HUGE_VAL;
  if (s == "-Inf") return -HUGE_VAL;
  if (s == "NaN") return std::nan("");
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

// The family a sample belongs to: histograms own _bucket, _sum and _count.
std::string FamilyOf(const std::string& name, const std::map<std::string, PromFamily>& families) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      std::string base = name.substr(0, name.size() - s.size());
      auto it = families.find(base);
      if (it != families.end() &&
          (it->second.type == "histogram" || it->second.type == "summary")) {
        return base;
      }
    }
  }
  return name;
}

// Parses `{a="1",b="2"}` starting at text[*at] == '{'.
bool ParseLabels(const std::string& text, std::size_t* at, std::map<std::string, std::string>* out,
                 std::string* error) {
  std::size_t i = *at + 1;
  while (i < text.size() && text[i] != '}') {
    std::size_t eq = text.find('=', i);
    if (eq == std::string::npos) return *error = "label without '='", false;
    std::string name = text.substr(i, eq - i);
    if (!IsLabelName(name)) return *error = "bad label name '" + name + "'", false;
    if (eq + 1 >= text.size() || text[eq + 1] != '"')
      return *error = "label value not quoted", false;
    std::string value;
    std::size_t j = eq + 2;
    for (; j < text.size() && text[j] != '"'; ++j) {
      if (text[j] == '\\') {
        if (j + 1 >= text.size()) return *error = "dangling escape", false;
        char e = text[++j];
        if (e == '\\') {
          value += '\\';
        } else if (e == '"') {
          value += '"';
        } else if (e == 'n') {
          value += '\n';
        } else {
          return *error = std::string("bad escape \\") + e, false;
        }
      } else {
        value += text[j];
      }
    }
    if (j >= text.size()) return *error = "unterminated label value", false;
    if (out->count(name) > 0) return *error = "label '" + name + "' twice", false;
    (*out)[name] = value;
    i = j + 1;
    if (i < text.size() && text[i] == ',') ++i;
  }
  if (i >= text.size()) return *error = "unterminated label set", false;
  *at = i + 1;
  return true;
}

std::string SeriesKey(const PromSample& s) {
  std::string key = s.name;
  for (const auto& [k, v] : s.labels) key += '\x1f' + k + '=' + v;
  return key;
}

void CheckHistogram(const Exposition& e, const PromFamily& f, std::vector<std::string>* errors) {
  // Buckets grouped by their labels other than `le`.
  std::map<std::map<std::string, std::string>, std::vector<std::pair<std::string, double>>> groups;
  for (const PromSample& s : e.samples) {
    if (s.name != f.name + "_bucket") continue;
    auto labels = s.labels;
    auto le = labels.find("le");
    if (le == labels.end()) {
      errors->push_back(f.name + ": bucket without le");
      continue;
    }
    std::string le_text = le->second;
    labels.erase(le);
    groups[labels].push_back({le_text, s.value});
  }
  if (groups.empty()) errors->push_back(f.name + ": histogram without buckets");
  for (const auto& [labels, buckets] : groups) {
    double last_le = -HUGE_VAL;
    double last_count = 0;
    for (const auto& [le_text, count] : buckets) {
      std::optional<double> le = ParseNumber(le_text);
      if (!le || *le <= last_le) errors->push_back(f.name + ": le not ascending at " + le_text);
      if (count < last_count) errors->push_back(f.name + ": buckets not cumulative at " + le_text);
      last_le = le.value_or(last_le);
      last_count = count;
    }
    if (buckets.back().first != "+Inf") errors->push_back(f.name + ": last bucket is not +Inf");
    std::optional<double> count = e.Value(f.name + "_count", labels);
    if (!e.Value(f.name + "_sum", labels) || !count) {
      errors->push_back(f.name + ": _sum or _count missing");
    } else if (*count != buckets.back().second) {
      errors->push_back(f.name + ": +Inf bucket != _count");
    }
  }
}

}  // namespace

std::optional<double> Exposition::Value(const std::string& name,
                                        const std::map<std::string, std::string>& labels) const {
  for (const PromSample& s : samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  return std::nullopt;
}

std::vector<PromSample> Exposition::Of(const std::string& name) const {
  std::vector<PromSample> out;
  for (const PromSample& s : samples) {
    if (s.name == name) out.push_back(s);
  }
  return out;
}

Exposition ParseExposition(const std::string& text) {
  Exposition e;
  auto error = [&](int line, const std::string& what) {
    e.errors.push_back("line " + std::to_string(line) + ": " + what);
  };
  if (!text.empty() && text.back() != '\n')
    e.errors.push_back("the text does not end in a newline");
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::set<std::string> finished;  // families whose samples are over
  std::string current;             // the family whose samples come now
  std::set<std::string> series;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream words(line);
      std::string hash, keyword, name;
      words >> hash >> keyword >> name;
      if (keyword != "HELP" && keyword != "TYPE") continue;  // a plain comment
      if (!IsMetricName(name)) {
        error(number, "bad metric name in " + keyword);
        continue;
      }
      std::string rest;
      std::getline(words, rest);
      if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
      PromFamily& f = e.families[name];
      f.name = name;
      if (keyword == "HELP") {
        if (!f.help.empty()) error(number, "second HELP for " + name);
        f.help = rest;
      } else {
        static const std::set<std::string> kTypes = {"counter", "gauge", "histogram", "summary",
                                                     "untyped"};
        if (!f.type.empty()) error(number, "second TYPE for " + name);
        if (kTypes.count(rest) == 0) error(number, "unknown type '" + rest + "'");
        f.type = rest;
      }
      continue;
    }
    PromSample s;
    std::size_t at = 0;
    while (at < line.size() && line[at] != '{' && line[at] != ' ') ++at;
    s.name = line.substr(0, at);
    if (!IsMetricName(s.name)) {
      error(number, "bad metric name '" + s.name + "'");
      continue;
    }
    if (at < line.size() && line[at] == '{') {
      std::string why;
      if (!ParseLabels(line, &at, &s.labels, &why)) {
        error(number, why);
        continue;
      }
    }
    if (at >= line.size() || line[at] != ' ') {
      error(number, "no space before the value");
      continue;
    }
    std::istringstream rest(line.substr(at + 1));
    std::string value, timestamp, extra;
    rest >> value >> timestamp >> extra;
    std::optional<double> v = ParseNumber(value);
    if (!v) error(number, "bad value '" + value + "'");
    if (!extra.empty()) error(number, "trailing text");
    s.value = v.value_or(0);
    std::string family = FamilyOf(s.name, e.families);
    auto f = e.families.find(family);
    if (f == e.families.end() || f->second.type.empty()) {
      error(number, s.name + " has no TYPE before it");
    }
    if (family != current) {
      if (finished.count(family) > 0) error(number, family + " is interleaved with another family");
      if (!current.empty()) finished.insert(current);
      current = family;
    }
    if (!series.insert(SeriesKey(s)).second) error(number, "series repeated: " + s.name);
    e.samples.push_back(std::move(s));
  }
  for (const auto& [name, f] : e.families) {
    if (f.type == "histogram") CheckHistogram(e, f, &e.errors);
  }
  return e;
}

}  // namespace srcbot::testing
