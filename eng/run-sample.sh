#!/usr/bin/env bash
# Runs the sample host (samples/HighPerf.Sample) on http://127.0.0.1:5000, or on the address in
# URLS. Extra arguments go to the host (e.g. --HighPerf:Compression:Level=5).
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prereqs.sh sample
exec dotnet run --project samples/HighPerf.Sample -c Release -- --urls "${URLS:-http://127.0.0.1:5000}" "$@"
