#include "tests/fakes/test_certificate.h"

#include <sys/wait.h>

#include <fstream>
#include <iterator>

#include "tests/fakes/child_process.h"

namespace srcbot::testing {

core::Result<TestCertificate> MakeLoopbackCertificate(const std::string& dir) {
  TestCertificate made{dir + "/cert.pem", dir + "/key.pem"};
  const std::string log = dir + "/openssl.log";
  // An EC key: generated at once, where RSA would take a noticeable moment.
  const std::vector<std::string> argv = {"/usr/bin/openssl",
                                         "req",
                                         "-x509",
                                         "-newkey",
                                         "ec",
                                         "-pkeyopt",
                                         "ec_paramgen_curve:prime256v1",
                                         "-nodes",
                                         "-days",
                                         "2",
                                         "-subj",
                                         "/CN=srcbot-test",
                                         "-addext",
                                         "subjectAltName=IP:127.0.0.1,DNS:localhost",
                                         "-keyout",
                                         made.key_file,
                                         "-out",
                                         made.cert_file};
  pid_t pid = Spawn(argv, nullptr, log, false);
  int status = -1;
  if (pid > 0) (void)waitpid(pid, &status, 0);
  if (pid <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(log);
    std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return core::Status::Unavailable("openssl could not make a test certificate: " + output);
  }
  return made;
}

}  // namespace srcbot::testing
