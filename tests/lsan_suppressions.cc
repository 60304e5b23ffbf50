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
//
// libcpprest.so, pplxtasks.h: when a cpprest http_listener (the fake GitHub
// and Slack servers) or client is torn down with a request still in flight,
// as happens on a loaded machine when a test ends, cpprest drops that
// request's task_completion_event without setting it. The pplx task and its
// continuations (ours in the fakes' Send, cpprest's own in its stream close
// and async init) then hold each other in a shared_ptr cycle that nothing
// completes: a leak of a few hundred bytes per dropped request at exit, found
// by `ctest -R github -j6 --repeat until-fail:15`. The tasks are pplx's, made
// in its header templates or inside libcpprest, so the suppressions name
// those rather than our callers.

extern "C" const char* __lsan_default_suppressions() {
  return "leak:libcrypto.so\n"
         "leak:libcpprest.so\n"
         "leak:pplxtasks.h\n";
}
