#!/usr/bin/env bash
# Installs the Debian package on a bare Debian 12: a minimal bookworm root
# made by debootstrap (from the mirror this machine's apt uses), the .deb
# installed into it with apt-get (which must find every dependency), then the
# installed srcbot run there. Needs root (chroot); `make package-check` runs
# it after tests/smoke/package_check.sh.
#   tests/smoke/bare_install.sh build/srcbot_0.1.0_amd64.deb
set -euo pipefail

deb=$(realpath "${1:?usage: bare_install.sh PACKAGE.deb}")
if [ "$(id -u)" -ne 0 ]; then
  echo "bare install: needs root (debootstrap and chroot); run it as root" >&2
  exit 1
fi
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
root=$(mktemp -d /tmp/srcbot-bare.XXXXXX)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"  # apt's _apt user reads the lists in it

if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1; then
  echo "bare install: FAIL: debootstrap of bookworm from $mirror:" >&2
  tail -20 "$root.log" >&2
  rm -f "$root.log"
  exit 1
fi
rm -f "$root.log"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/srcbot.deb"
# shellcheck disable=SC2016 # expanded inside the chroot
if ! out=$(chroot "$root" /bin/sh -ec '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends /tmp/srcbot.deb >/tmp/install.log 2>&1 ||
      { cat /tmp/install.log; exit 1; }
    srcbot --version
    printf "report \"Bare install check\" --repo sigstore/cosign\n" | srcbot console --db /tmp/srcbot.db
    test -f /usr/lib/systemd/system/srcbot.service
    test -f /usr/share/man/man1/srcbot.1' 2>&1); then
  echo "bare install: FAIL: $out" >&2
  exit 1
fi
grep -qE '^srcbot [0-9.]+ \(commit ' <<<"$out" || { echo "bare install: FAIL: $out" >&2; exit 1; }
grep -qF '[#src] New report SRC-1: Bare install check (sigstore/cosign)' <<<"$out" ||
  { echo "bare install: FAIL: the console did not run: $out" >&2; exit 1; }
echo "bare install: $(basename "$deb") installs with apt-get on a bare Debian 12 and runs ($(grep -m1 '^srcbot ' <<<"$out"))"
