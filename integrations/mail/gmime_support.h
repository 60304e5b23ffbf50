#pragma once
// What every GMime caller in srcbot needs: GMime initialised exactly once,
// and GObject references released by scope instead of by hand.

#include <gmime/gmime.h>

#include <memory>
#include <string>
#include <string_view>

namespace srcbot::mail {

// Initialises GMime on first call, from any thread; later calls do nothing.
// (g_mime_init itself is not safe to call twice or from two threads.)
void InitGmime();

struct GObjectUnref {
  void operator()(void* object) const {
    if (object) g_object_unref(object);
  }
};

// Owns one GObject reference: GPtr<GMimeMessage> m(g_mime_message_new(TRUE)).
template <class T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

// SHA-256 of `bytes`, 64 lowercase hex digits (GLib's checksum).
std::string Sha256Hex(std::string_view bytes);

}  // namespace srcbot::mail
