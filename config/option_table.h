#pragma once
// The one table of srcbot's configuration options. Each row says how the option
// is spelled as a flag, an environment variable and a file key, its default, its
// help text, whether it is a secret, and how its text becomes a Config field.
// Internal to config/: options.cc drives CLI11, resolution and printing from it.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/options.h"

namespace srcbot::config {

// Why a value was refused: `expected` completes "expected ...", and `offending`
// is the text (or list item) at fault. The resolver drops `offending` for
// secrets, so setters may always fill it in.
struct ValueError {
  std::string expected;
  std::string offending;
};

// How an option's raw text reaches and leaves a Config.
struct Binding {
  // kList options accept comma-separated text (and arrays in the file); every
  // other kind takes exactly one value. kText is rendered quoted in TOML, kNumber bare.
  enum class Kind { kText, kNumber, kList };
  Kind kind = Kind::kText;
  // Stores `items` (exactly one for scalars; trimmed and non-empty for lists).
  std::function<std::optional<ValueError>(const std::vector<std::string>& items, Config&)> set;
  // The field as a TOML value: "\"text\"", "30", "[\"a\", \"b\"]".
  std::function<std::string(const Config&)> render;
  // Whether the field holds anything; used to print secrets as "***" or "".
  std::function<bool(const Config&)> is_set;
};

enum class Sensitivity { kPlain, kSecret };

struct OptionSpec {
  std::string_view flag;           // without "--"; the file key is this with '_' for '-'
  std::string_view env;            // environment variable name
  std::string_view default_value;  // as it would be typed; "" for none
  std::string_view value_name;     // for help, e.g. "HOST:PORT"
  std::string_view help;
  Sensitivity sensitivity;
  Binding binding;
};

// Every option, in the order they are documented and printed.
const std::vector<OptionSpec>& OptionTable();

// Splits comma-separated text into trimmed, non-empty items.
std::vector<std::string> SplitList(std::string_view text);

// Trims spaces and tabs at both ends.
std::string Trim(std::string_view text);

// `text` as a TOML basic string, quotes included.
std::string QuoteToml(std::string_view text);

}  // namespace srcbot::config
