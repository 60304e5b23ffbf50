#include "bot/net/http_types.h"

#include <cctype>

namespace srcbot::bot {

std::string LowerHeaderName(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string HeaderValue(const HttpHeaders& headers, std::string_view name) {
  auto it = headers.find(LowerHeaderName(name));
  return it == headers.end() ? std::string() : it->second;
}

}  // namespace srcbot::bot
