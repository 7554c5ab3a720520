#!/usr/bin/env bash
# Installs the npm packages of the Node programs the tests use as peers (tests/*/Peers/*/), exactly as
# their package-lock.json pins them (`npm ci`). A peer whose node_modules was installed from the same
# lock file is skipped, so a second run needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null 2>&1 || { echo "error: node is not installed (Debian package: nodejs)." >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "error: npm is not installed (Debian package: npm)." >&2; exit 1; }

for lock in tests/*/Peers/*/package-lock.json; do
  [ -e "$lock" ] || continue
  peer=$(dirname "$lock")
  stamp="$peer/node_modules/.highperf-lock.sha256"
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    continue
  fi
  echo "Installing the npm packages of $peer (npm ci)"
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
done
