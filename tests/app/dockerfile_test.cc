// The Dockerfile cannot be built here (no Docker engine), so what can be
// checked is: its build stage installs exactly what scripts/setup.sh installs,
// its runtime stage installs the runtime packages, and every shared library
// the srcbot binary needs comes from one of those (or from the base image).
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace {

std::string Read(const std::string& path) {
  std::ifstream in(std::string(SRCBOT_SOURCE_DIR) + "/" + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The package names of the n-th `apt-get install` in the Dockerfile (0-based).
std::set<std::string> AptInstall(const std::string& dockerfile, int n) {
  std::size_t at = 0;
  for (int i = 0; i <= n; ++i) {
    at = dockerfile.find("apt-get install", at + (i > 0 ? 1 : 0));
    REQUIRE(at != std::string::npos);
  }
  std::set<std::string> packages;
  std::istringstream lines(dockerfile.substr(at));
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string w;
    bool stop = false;
    while (words >> w) {
      if (w == "&&") { stop = true; break; }
      if (w == "\\" || w.starts_with("-") || w == "apt-get" || w == "install" || w == "RUN") continue;
      packages.insert(w);
    }
    if (stop || (!first && line.find('\\') == std::string::npos)) break;
    first = false;
  }
  return packages;
}

std::set<std::string> SetupPackages() {
  std::string setup = Read("scripts/setup.sh");
  std::size_t from = setup.find("packages=(");
  std::size_t to = setup.find(')', from);
  REQUIRE(from != std::string::npos);
  std::istringstream words(setup.substr(from + 10, to - from - 10));
  std::set<std::string> packages;
  for (std::string w; words >> w;) packages.insert(w);
  return packages;
}

}  // namespace

TEST_CASE("dockerfile: the build stage installs what the README's set-up installs", "[ops]") {
  std::string dockerfile = Read("Dockerfile");
  REQUIRE_FALSE(dockerfile.empty());
  CHECK(AptInstall(dockerfile, 0) == SetupPackages());
  CHECK_THAT(dockerfile, Catch::Contains("FROM debian:bookworm AS build") &&
                             Catch::Contains("FROM debian:bookworm-slim") &&
                             Catch::Contains("ctest") && Catch::Contains("USER srcbot") &&
                             Catch::Contains("VOLUME [\"/data\"]") && Catch::Contains("HEALTHCHECK") &&
                             Catch::Contains("CMD [\"serve\", \"--mode\", \"socket\"]"));
}

TEST_CASE("dockerfile: the runtime stage holds every library the binary needs", "[ops]") {
  std::set<std::string> runtime = AptInstall(Read("Dockerfile"), 1);
  CHECK(runtime == std::set<std::string>{"libcpprest2.10", "libboost-system1.74.0",
                                         "libsqlite3-0", "libspdlog1.10", "libfmt9",
                                         "ca-certificates", "libcurl4", "libgmime-3.0-0",
                                         "libgpgme11", "gpg", "gpg-agent"});
  // Which runtime package brings each library (directly or as its dependency);
  // "base" is in debian:bookworm-slim already.
  const std::map<std::string, std::string> provider = {
      {"libcpprest.so.2.10", "libcpprest2.10"}, {"libcrypto.so.3", "libcpprest2.10"},
      // The HTTP listener (Boost.Beast) needs it when not inlined (Debug).
      {"libboost_system.so.1.74.0", "libboost-system1.74.0"},
      {"libssl.so.3", "libcpprest2.10"},        {"libsqlite3.so.0", "libsqlite3-0"},
      {"libspdlog.so.1.10", "libspdlog1.10"},   {"libfmt.so.9", "libfmt9"},
      {"libstdc++.so.6", "base"},               {"libm.so.6", "base"},
      {"libgcc_s.so.1", "base"},                {"libc.so.6", "base"},
      {"libz.so.1", "base"},                    {"libpthread.so.0", "base"},
      // Mail (integrations/mail): libcurl for IMAP and SMTP, GMime and its GLib.
      {"libcurl.so.4", "libcurl4"},             {"libgmime-3.0.so.0", "libgmime-3.0-0"},
      {"libglib-2.0.so.0", "libgmime-3.0-0"},   {"libgobject-2.0.so.0", "libgmime-3.0-0"},
      {"libgio-2.0.so.0", "libgmime-3.0-0"},
      // OpenPGP (--pgp-home): GPGME and its libraries; GPGME runs gpg and
      // gpg-agent, which readelf cannot see (hence the two packages above).
      {"libgpgme.so.11", "libgpgme11"},         {"libassuan.so.0", "libgpgme11"},
      {"libgpg-error.so.0", "libgpgme11"}};
  std::string command = std::string("readelf -d ") + SRCBOT_BINARY;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, pipe)) out += buf;
  pclose(pipe);
  std::regex needed(R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])");
  int libraries = 0;
  for (std::sregex_iterator it(out.begin(), out.end(), needed), end; it != end; ++it) {
    std::string lib = (*it)[1];
    // Only `make asan` builds link the sanitizer runtimes; the image is built
    // without SRCBOT_SANITIZE.
    if (lib.starts_with("libasan.so") || lib.starts_with("libubsan.so")) continue;
    ++libraries;
    INFO(lib << " is needed by srcbot: add the package that provides it to the Dockerfile's runtime stage");
    REQUIRE(provider.count(lib) == 1);
    std::string pkg = provider.at(lib);
    CHECK((pkg == "base" || runtime.count(pkg) == 1));
  }
  CHECK(libraries >= 4);
}
