#!/usr/bin/env bash
# Installs the Debian 12 packages srcbot needs to build and test, and only the
# missing ones, so a second run is a no-op and needs no root. Arguments name
# more packages for one purpose (`make fuzz`: clang and its runtimes).
set -euo pipefail

packages=(
  g++ make cmake pkg-config
  libcpprest-dev libboost-system-dev libssl-dev
  nlohmann-json3-dev libsqlite3-dev sqlite3 libcli11-dev catch2 libspdlog-dev
  openssl ca-certificates dpkg-dev file
  libcurl4-openssl-dev libgmime-3.0-dev dovecot-imapd python3-aiosmtpd
  python3-jsonschema
  libgpgme-dev gnupg
)
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages already installed"
  exec "$(dirname "$0")/fetch-nginx.sh"
fi

echo "setup: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "setup: need root to install: ${missing[*]}" >&2
  echo "setup: run 'sudo apt-get install -y ${missing[*]}' or run this as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
exec "$(dirname "$0")/fetch-nginx.sh"
