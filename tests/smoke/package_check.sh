#!/usr/bin/env bash
# Checks the Debian package `make package` builds, as far as a machine with no
# spare Debian can: its control fields, that apt could install it on this
# Debian 12 (every Depends resolves), and, unpacked into a temporary root
# (dpkg-deb -x), that the binary runs from there with its man page, docs,
# example config and systemd unit beside it. `make test` runs it:
#   tests/smoke/package_check.sh build/srcbot_0.1.0_amd64.deb
set -euo pipefail

deb=$(realpath "${1:?usage: package_check.sh PACKAGE.deb}")
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
failures=0
fail() { echo "package: FAIL: $*" >&2; failures=$((failures + 1)); }

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = srcbot ] || fail "Package is '$(field Package)'"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is '$(field Architecture)'"
version=$(field Version)
[ "$(basename "$deb")" = "srcbot_${version}_amd64.deb" ] || fail "file name $(basename "$deb") for version $version"
depends=$(field Depends)
# The package names alone, one a line ("libc6 (>= 2.34)" → "libc6").
names=$(tr ',' '\n' <<<"$depends" | awk '{print $1}')
# libspdlog1.10-fmt9 is what libspdlog1.10 provides (its shlibs file says so).
for lib in libcpprest2.10 libsqlite3-0 libspdlog1.10-fmt9 libc6 libstdc++6 ca-certificates; do
  grep -qxF "$lib" <<<"$names" || fail "Depends lacks $lib: $depends"
done
# apt resolves the package's dependencies from Debian 12 as an install would.
if ! simulate=$(apt-get install --simulate --no-install-recommends "$deb" 2>&1); then
  fail "apt-get would not install it: $simulate"
fi

dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/srcbot"
[ -x "$bin" ] || fail "no /usr/bin/srcbot"
out=$("$bin" --version) || fail "srcbot --version exited with $?"
grep -qxE "srcbot ${version//./\\.} \(commit [0-9a-f]{12}(-dirty)?\)|srcbot ${version//./\\.} \(commit unknown\)" <<<"$out" ||
  fail "srcbot --version printed '$out' for package version $version"
if ldd "$bin" | grep -q 'not found'; then fail "unresolved libraries: $(ldd "$bin" | grep 'not found')"; fi
man="$root/usr/share/man/man1/srcbot.1"
[ -f "$man" ] || fail "no man page"
for sub in serve console migrate backup export manifest cvss; do
  grep -qE "^\.BI? $sub( |$)" "$man" || fail "the man page does not describe '$sub'"
done
unit="$root/usr/lib/systemd/system/srcbot.service"
grep -qx 'ExecStart=/usr/bin/srcbot serve' "$unit" || fail "the unit does not start /usr/bin/srcbot"
doc="$root/usr/share/doc/srcbot"
for f in README.md operations.md configuration.md commands.md examples/srcbot.toml examples/nginx.conf; do
  [ -f "$doc/$f" ] || fail "no $doc/$f"
done
# The example config is one srcbot takes as it is.
"$bin" serve --config "$doc/examples/srcbot.toml" --print-config >/dev/null ||
  fail "the example config does not parse"

if [ "$failures" -gt 0 ]; then
  echo "package: $failures failure(s) in $deb; its files:" >&2
  dpkg-deb -c "$deb" >&2
  exit 1
fi
echo "package: $(basename "$deb") passed: installable, runs from an unpacked root ($out)"
