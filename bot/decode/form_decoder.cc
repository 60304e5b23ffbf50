#include "bot/decode/form_decoder.h"

#include "core/utf8.h"

namespace srcbot::bot {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

core::Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) return core::Status::Invalid("malformed percent escape");
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

core::Result<FormFields> DecodeForm(std::string_view body) {
  FormFields fields;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq));
    if (!name.ok()) return name.status();
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!value.ok()) return value.status();
    if (name.value().empty()) return core::Status::Invalid("empty form field name");
    if (!fields.emplace(std::move(name).value(), std::move(value).value()).second) {
      return core::Status::Invalid("repeated form field");
    }
  }
  return fields;
}

core::Result<nlohmann::json> DecodeFormToJson(std::string_view body) {
  auto fields = DecodeForm(body);
  if (!fields.ok()) return fields.status();
  nlohmann::json out = nlohmann::json::object();
  for (auto& [name, value] : fields.value()) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      return core::Status::Invalid("form field is not UTF-8");
    }
    out[name] = value;
  }
  return out;
}

bool IsValidUtf8(std::string_view text) { return core::IsValidUtf8(text); }

std::string StringField(const nlohmann::json& object, const std::string& key) {
  if (!object.is_object()) return std::string();
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::string();
  return it->get<std::string>();
}

const nlohmann::json& ObjectField(const nlohmann::json& object, const std::string& key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  if (it == object.end() || !it->is_object()) return kNull;
  return *it;
}

}  // namespace srcbot::bot
