#include "integrations/mail/gmime_support.h"

#include <mutex>

namespace srcbot::mail {

void InitGmime() {
  static std::once_flag once;
  // Never paired with g_mime_shutdown: other threads may still be parsing when
  // the process exits, and the OS takes the tables back.
  std::call_once(once, [] { g_mime_init(); });
}

std::string Sha256Hex(std::string_view bytes) {
  gchar* hex = g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string out = hex ? hex : "";
  g_free(hex);
  return out;
}

}  // namespace srcbot::mail
