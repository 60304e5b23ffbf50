// The form decoder: the input is a form body as Slack POSTs it. Whatever
// DecodeFormToJson accepts is what DecodeForm accepts, as JSON that serialises
// (a JSON string must be UTF-8), and so must any text IsValidUtf8 accepts.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bot/decode/form_decoder.h"

using namespace srcbot::bot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto fields = DecodeForm(body);
  auto json = DecodeFormToJson(body);
  if (json.ok()) {
    if (!fields.ok() || json.value().size() != fields.value().size()) std::abort();
    (void)json.value().dump();  // throws, so crashes the target, on invalid UTF-8
    for (const auto& [name, value] : fields.value()) {
      if (StringField(json.value(), name) != value) std::abort();
    }
    (void)ObjectField(json.value(), "payload");
  }
  (void)PercentDecode(body);
  if (IsValidUtf8(body)) (void)nlohmann::json(std::string(body)).dump();
  return 0;
}
