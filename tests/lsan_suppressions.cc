// LeakSanitizer's built-in suppressions for the test binary, linked only into
// sanitizer builds (SRCBOT_SANITIZE, tests/CMakeLists.txt).
//
// libcrypto.so: cpprestsdk's shared thread pool (not ours to build) never
// stops its threads, so OpenSSL's per-thread error queues, allocated in them
// during a TLS handshake (tests/scenario/nginx_proxy_test.cc), are still held
// by live threads when the process exits, where LeakSanitizer cannot see the
// thread-local pointers. libcrypto has no frame pointers, so the recorded
// stacks stop at CRYPTO_zalloc and cannot be told apart more narrowly. srcbot
// itself only calls the one-shot HMAC(), which allocates nothing that outlives
// the call.

extern "C" const char* __lsan_default_suppressions() { return "leak:libcrypto.so\n"; }
