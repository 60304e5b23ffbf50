#include "core/release_gate.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace srcbot::core {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool EndsWithAny(const std::string& name, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view s) { return name.ends_with(s); });
}

bool Has(const std::vector<std::string>& assets, const std::string& name) {
  return std::find(assets.begin(), assets.end(), name) != assets.end();
}

}  // namespace

std::vector<std::string> ReleaseTags(std::string_view version) {
  std::string v(version);
  if (v.empty()) return {};
  if (v.front() == 'v' || v.front() == 'V') return {v, v.substr(1)};
  return {v, "v" + v};
}

bool IsBinaryAsset(std::string_view asset) {
  const std::string name = Lower(asset);
  // Signatures, certificates and bundles: what signs, not what is signed.
  if (EndsWithAny(name, {".sig", ".pem", ".crt", ".cert", ".sigstore", ".sigstore.json", ".asc",
                         ".bundle", ".intoto.jsonl", ".att"}))
    return false;
  // Checksum lists (signed as a whole when they carry their own signature).
  if (EndsWithAny(name, {".sha256", ".sha512", ".sha1", ".md5", ".sha256sum", ".sha512sum"}) ||
      name.find("checksums") != std::string::npos || name.find("sha256sums") != std::string::npos ||
      name.find("sha512sums") != std::string::npos)
    return false;
  // Documents, SBOMs and provenance.
  if (EndsWithAny(name, {".txt", ".md", ".html", ".spdx", ".spdx.json", ".cdx.json", ".sbom",
                         ".sbom.json", ".provenance", ".json"}))
    return false;
  return true;
}

std::vector<std::string> ReleaseProblems(const std::optional<GithubRelease>& release,
                                         const std::string& repo, const std::string& version) {
  if (!release) return {"no GitHub release of " + version + " in " + repo};
  std::vector<std::string> out;
  if (release->draft)
    out.push_back("the release " + release->tag + " is still a draft (publish it)");
  if (release->assets.empty()) {
    out.push_back("the release " + release->tag + " has no assets (binaries and their signatures)");
    return out;
  }
  bool any_binary = false;
  for (const std::string& a : release->assets) {
    if (!IsBinaryAsset(a)) continue;
    any_binary = true;
    bool bundle =
        Has(release->assets, a + ".sigstore.json") || Has(release->assets, a + ".sigstore");
    bool sig = Has(release->assets, a + ".sig");
    bool pem = Has(release->assets, a + ".pem");
    if (bundle || (sig && pem)) continue;
    if (sig) {
      out.push_back(a + " has " + a + ".sig but no certificate " + a + ".pem");
    } else if (pem) {
      out.push_back(a + " has " + a + ".pem but no signature " + a + ".sig");
    } else {
      out.push_back(a + " is not signed (no " + a + ".sigstore.json, " + a + ".sigstore, or " + a +
                    ".sig with " + a + ".pem)");
    }
  }
  if (!any_binary)
    out.push_back("the release " + release->tag +
                  " has no binary assets, only signatures or documents");
  return out;
}

}  // namespace srcbot::core
