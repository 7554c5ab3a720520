#!/usr/bin/env bash
# Makes sure what the sample (`sample`) or the test suite (`test`) needs is on this machine.
# As root it installs missing Debian packages; otherwise it names them and fails.
set -euo pipefail

mode=${1:-test}
missing=()

need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || [ -e "/usr/lib/x86_64-linux-gnu/$1" ] || missing+=("$2"); }
need_pg() {
  command -v initdb >/dev/null 2>&1 && return
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && return
  missing+=("postgresql")
}

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is not installed; see https://dot.net/download." >&2
  exit 1
fi

need_lib libzstd.so.1 libzstd1
if [ "$mode" = test ]; then
  need_cmd zstd zstd
  need_cmd curl curl
  need_cmd redis-server redis-server
  need_cmd node nodejs
  need_cmd npm npm
  need_pg
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "error: missing Debian packages: ${missing[*]}" >&2
  echo "       install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
