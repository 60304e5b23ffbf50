#!/usr/bin/env bash
# Unpacks Debian's nginx into .tools/nginx for the reverse-proxy test
# (tests/app/nginx_proxy_test.cc), without installing it: no service is
# started, nothing listens, and no root is needed beyond apt's own download.
# A second run is a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.tools/nginx
if [ -x "$dest/usr/sbin/nginx" ]; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download nginx >/dev/null 2>&1) || {
  echo "setup: could not download Debian's nginx package (apt-get download nginx)" >&2
  exit 1
}
mkdir -p "$dest"
dpkg-deb -x "$work"/nginx_*.deb "$dest"
echo "setup: unpacked $(basename "$work"/nginx_*.deb) into $dest"
