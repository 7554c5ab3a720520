#!/usr/bin/env bash
# Reproduces a committed benchmark report: builds the benchmarks in Release and runs `report <suite>`.
#
#   benchmarks/run.sh compression           full run (about 5 minutes); writes benchmarks/results/compression.md
#   benchmarks/run.sh compression --quick   pipeline check only; its numbers are not to be trusted or committed
#   benchmarks/run.sh redis | cache         the Redis client load report; the two-level cache report
#   benchmarks/run.sh postgres              the PostgreSQL bridge report (private servers, fsync on for inserts; about 15 minutes)
#   benchmarks/run.sh streaming [--batch 100000,50000]   10M rows streamed by offset and by keyset; writes streaming.md and .svg
#
# Everything is built into an artifacts folder outside the repository (BENCH_ARTIFACTS, default
# /tmp/bench-artifacts), so the run never writes into other projects' bin/ and obj/ folders.
set -euo pipefail

usage() {
  echo "usage: benchmarks/run.sh compression|redis|cache|postgres|streaming [--quick]" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
suite=$1
shift
case "$suite" in
  compression|redis|cache|postgres|streaming) ;;
  *) usage ;;
esac

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
artifacts=${BENCH_ARTIFACTS:-/tmp/bench-artifacts}

# BenchmarkDotNet looks for the benchmark project from the current directory.
cd "$repo"
dotnet build benchmarks/HighPerf.Benchmarks -c Release --artifacts-path "$artifacts" -nologo -v quiet
exec dotnet "$artifacts/bin/HighPerf.Benchmarks/release/HighPerf.Benchmarks.dll" report "$suite" "$@"
