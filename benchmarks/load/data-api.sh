#!/usr/bin/env bash
# End-to-end timing of the high-performance data API (/api/v1) through HTTP, one request at a time:
# bulk insert of a JSON array and of an Arrow IPC stream, the filtered query, offset and keyset Arrow
# streaming (with the host's resident memory sampled while it streams), Parquet export per codec, the
# analyses, and the benchmark endpoint's row-by-row INSERT baseline against the Arrow path.
# Usage: benchmarks/load/data-api.sh [rows=200000] [runs=3] [benchmark_rows=10000]
# Writes benchmarks/results/data-api.md. Builds and starts the sample host itself, and stops it.
set -euo pipefail

rows="${1:-200000}"
runs="${2:-3}"
bench_rows="${3:-10000}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/results/data-api.md"

dotnet build "$root/samples/HighPerf.Sample" -c Release -v quiet -nologo >/dev/null
data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
dotnet "$root/samples/HighPerf.Sample/bin/Release/net10.0/HighPerf.Sample.dll" --urls "$base" \
  --HighPerf:DataDirectory="$data" --HighPerf:Seed:Events=0 --HighPerf:DuckDb:MemoryLimit=512MB \
  --Logging:LogLevel:Default=Warning >"$data/host.log" 2>&1 &
host=$!
trap 'kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.1
done

python3 "$root/benchmarks/load/data-api.py" "$base" "$host" "$rows" "$runs" "$bench_rows" "$data" >"$out"
cat "$out"
