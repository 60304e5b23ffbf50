#include "integrations/mail/gmime_support.h"

#include <mutex>

namespace srcbot::mail {

void InitGmime() {
  static std::once_flag once;
  // Never paired with g_mime_shutdown: other threads may still be parsing when
  // the process exits, and the OS takes the tables back.
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace srcbot::mail
