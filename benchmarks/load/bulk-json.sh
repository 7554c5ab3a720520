#!/usr/bin/env bash
# JSON bulk insert into the embedded DuckDB through HTTP: POST /samples/events/bulk with curl, a JSON array of
# `rows` events per request (plain, then zstd-compressed with Content-Encoding: zstd), `runs` requests each, against
# the baseline measured in the same run: DuckDB's own read_json of the same file (INSERT INTO events SELECT ... FROM
# read_json(...)), and the loader's stages in process (bulk-json profile).
# Usage: benchmarks/load/bulk-json.sh [rows=1000000] [runs=5]
# Writes benchmarks/results/bulk-json.md. Builds and starts the sample host itself (Release, no seeding, a fresh data
# folder), and stops it. Needs curl, python3 and (for the compressed runs) zstd.
set -euo pipefail

rows="${1:-1000000}"
runs="${2:-5}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/results/bulk-json.md"
artifacts="${BENCH_ARTIFACTS:-/tmp/bench-artifacts}"

# One build: the benchmarks app references the sample, so both land in the artifacts folder.
dotnet build "$root/benchmarks/HighPerf.Benchmarks" -c Release --artifacts-path "$artifacts" -v quiet -nologo >/dev/null
bench="$artifacts/bin/HighPerf.Benchmarks/release/HighPerf.Benchmarks.dll"
sample="$artifacts/bin/HighPerf.Sample/release/HighPerf.Sample.dll"

work="$(mktemp -d)"
host=""
stop_host() {
  if [[ -n "$host" ]]; then
    kill "$host" 2>/dev/null || true
    wait "$host" 2>/dev/null || true
    host=""
  fi
}
trap 'stop_host; rm -rf "$work"' EXIT

body="$work/events.json"
dotnet "$bench" bulk-json generate "$body" "$rows" >/dev/null
dotnet "$bench" bulk-json generate "$work/warm-up.json" 20000 >/dev/null
body_bytes="$(stat -c %s "$body")"
zbody=""
if command -v zstd >/dev/null; then
  zbody="$body.zst"
  zstd -q -3 -T0 -f "$body" -o "$zbody"
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
mkdir -p "$work/data"
# Request decompression stops at 32 MiB by default; the bulk endpoint itself takes up to 1 GiB.
dotnet "$sample" --urls "$base" --HighPerf:DataDirectory="$work/data" --HighPerf:Seed:Events=0 \
  --HighPerf:Compression:MaxDecompressedRequestSize=1073741824 --Logging:LogLevel:Default=Warning >"$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 300); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.1
done

ticks="$(getconf CLK_TCK)"
# The host's CPU time so far (user + system), in milliseconds, from /proc/<pid>/stat fields 14 and 15.
host_cpu_ms() { awk -v t="$ticks" '{ printf "%.0f\n", ($14 + $15) * 1000 / t }' "/proc/$host/stat"; }

# One POST; prints: kind http_code time_total size_upload host_cpu_ms inserted duration_ms rows_per_second
post() {
  local kind="$1" file="$2" before after
  shift 2
  before="$(host_cpu_ms)"
  local meta
  meta="$(curl -s -o "$work/response.json" -w '%{http_code} %{time_total} %{size_upload}' -H 'Content-Type: application/json' "$@" \
    --data-binary "@$file" "$base/samples/events/bulk")"
  after="$(host_cpu_ms)"
  echo "$kind $meta $((after - before)) $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("inserted", 0), d.get("duration_ms", 0), d.get("rows_per_second", 0))' "$work/response.json" 2>/dev/null || echo "0 0 0")"
}

results="$work/results.txt"
: >"$results"
# Warm-up: JIT, DuckDB's first appender; not reported.
post warm-up "$work/warm-up.json" >/dev/null
if [[ -n "$zbody" ]]; then
  zstd -q -3 -f "$work/warm-up.json" -o "$work/warm-up.json.zst"
  post warm-up "$work/warm-up.json.zst" -H 'Content-Encoding: zstd' >/dev/null
fi
for i in $(seq 1 "$runs"); do
  post plain "$body" | tee -a "$results"
  if [[ -n "$zbody" ]]; then
    post zstd "$zbody" -H 'Content-Encoding: zstd' | tee -a "$results"
  fi
done
stop_host

# The baselines, in the same run, after the host has stopped (so they do not compete with it).
dotnet "$bench" bulk-json duckdb "$body" 3 2>"$work/duckdb.log" | tail -1 >"$work/duckdb.json"
dotnet "$bench" bulk-json profile "$body" 3 2>"$work/profile.log" | tail -1 >"$work/profile.json"

python3 - "$results" "$work/duckdb.json" "$work/profile.json" "$rows" "$runs" "$body_bytes" "${zbody:+$(stat -c %s "$zbody")}" \
  "$(curl --version | head -1 | awk '{ print $2 }')" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" >"$out" <<'EOF'
import json, statistics, sys, datetime
results_path, duckdb_path, profile_path, rows, runs, body_bytes, zbytes, curl, cores, load = sys.argv[1:11]
rows, runs, body_bytes = int(rows), int(runs), int(body_bytes)
lines = [l.split() for l in open(results_path) if l.strip()]
bad = [l for l in lines if l[1] != "201" or int(l[5]) != rows]
by = {}
for kind, code, total, upload, cpu, inserted, dur, rps in lines:
    if code != "201" or int(inserted) != rows: continue
    by.setdefault(kind, []).append((float(total), int(upload), int(cpu), int(inserted), float(dur), float(rps)))
duck = json.load(open(duckdb_path))
prof = json.load(open(profile_path))
med = statistics.median
def rate(ms): return rows / (ms / 1000)
print("# JSON bulk insert into embedded DuckDB over HTTP")
print()
print(f"`benchmarks/load/bulk-json.sh {rows} {runs}` on {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {cores} cores shared with other work "
      f"(load average {load} at the end), curl {curl} on loopback, one request at a time to the Release sample host "
      f"(no seeding, a fresh data folder, DuckDB file store). The body: {rows:,} events as one JSON array, {body_bytes / 1e6:.0f} MB"
      + (f" ({int(zbytes) / 1e6:.0f} MB with `zstd -3`)" if zbytes else "") + ", the sample's deterministic demo events without ids "
      "(`bulk-json generate`). Each request stores all rows in one transaction; the table grows by the body on every request.")
print()
if bad:
    print(f"**{len(bad)} request(s) did not store every row (status or count): {bad}**")
    print()
print("## Through HTTP")
print()
print("| body | requests | client wall time, median (min) | rows/s from the client's time | server's `duration_ms`, median | server's rows/s | host CPU per request, median | rows per CPU-second |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for kind, label in (("plain", "JSON"), ("zstd", "JSON, `Content-Encoding: zstd`")):
    if kind not in by: continue
    v = by[kind]
    t = [x[0] * 1000 for x in v]; d = [x[4] for x in v]; c = [x[2] for x in v]
    print(f"| {label} | {len(v)} | {med(t):,.0f} ms ({min(t):,.0f}) | **{rate(med(t)):,.0f}** (best {rate(min(t)):,.0f}) | {med(d):,.0f} ms | {rate(med(d)):,.0f} | {med(c):,.0f} ms | {rate(med(c)):,.0f} |")
print()
print("The client's time is curl's `time_total` (connect to the last byte of the 201 response: upload, parse, append, commit). "
      "The server's `duration_ms` is the loader's own, from the first byte read to the commit. Host CPU is the host process's user + system "
      "time (`/proc/<pid>/stat`) across the request, all threads: on a machine shared with other work it is the figure the other work does not inflate.")
print()
print("## Baseline in the same run: DuckDB's own `read_json`, and the loader by stage")
print()
di = duck["insert_ms"]; dc = duck["insert_cpu_ms"]; dr = duck["read_ms"]
print("| path | median wall time | rows/s | CPU time, median | rows per CPU-second |")
print("|---|---:|---:|---:|---:|")
print(f"| DuckDB `INSERT INTO events SELECT nextval(...), ... FROM read_json(file, columns = {{...}})`, fresh database, its own threads | {med(di):,.0f} ms | **{rate(med(di)):,.0f}** | {med(dc):,.0f} ms | {rate(med(dc)):,.0f} |")
print(f"| DuckDB `SELECT count(*) FROM read_json(...)` (read and parse only) | {med(dr):,.0f} ms | {rate(med(dr)):,.0f} | | |")
names = [("loader", "our `EventBulkLoader.LoadAsync`, in process, body in memory behind a 4 KiB-segment PipeReader (no HTTP)"),
         ("tokenize", "stage: `Utf8JsonReader` walking every token, nothing else (the floor)"),
         ("parse", "stage: parse and validate every event with `EventJsonReader` (no appender)"),
         ("append", "stage: the parsed rows into Arrow batches of 122,880 rows per core (`EventBatch`), each handed to the appender, which has DuckDB insert it on its threads"),
         ("complete", "stage: `appender.Complete()`: close, commit")]
for key, label in names:
    w = prof.get(key + "_ms"); c = prof.get(key + "_cpu_ms")
    if not w: continue
    print(f"| {label} | {med(w):,.0f} ms | {rate(med(w)):,.0f} | {med(c):,.0f} ms | {rate(med(c)):,.0f} |")
print()
best_client = rate(min(x[0] * 1000 for x in by["plain"])) if "plain" in by else 0
print("## The bar: 1,000,000 rows/s")
print()
if "plain" not in by:
    print("**No plain request stored its rows; see the raw lines.**")
    by["plain"] = [(float("inf"), 0, 0, 0, 0, 0)]
print(f"Median through HTTP: {rate(med([x[0] * 1000 for x in by['plain']])):,.0f} rows/s by the client's clock (best request {best_client:,.0f}); "
      f"DuckDB's own read_json of the same file in the same run: {rate(med(di)):,.0f} rows/s, so HTTP + our loader runs at "
      f"{med(di) / med([x[0] * 1000 for x in by['plain']]):.2f}x DuckDB's own speed. "
      + ("**Met.**" if rate(med([x[0] * 1000 for x in by['plain']])) >= 1_000_000 else "**Not met on this machine in this run.**"))
print()
lc = med(prof["loader_cpu_ms"]); pc = med(prof["parse_cpu_ms"]); ac = med(prof["append_cpu_ms"]); cc = med(prof["complete_cpu_ms"]); tc = med(prof["tokenize_cpu_ms"])
parts = pc + ac + cc
print(f"Where the loader's CPU goes (in process, medians): parsing and validating {pc:,.0f} ms ({pc / parts:.0%}; of it {tc:,.0f} ms is "
      f"`Utf8JsonReader`'s own tokenizing), batching and inserting {ac:,.0f} ms ({ac / parts:.0%}) and completing {cc:,.0f} ms ({cc / parts:.0%}). "
      "The inserting is DuckDB's: it validates the strings, keeps statistics and, per row group, analyses and compresses each column "
      "(dictionary, FSST, bit packing), on its own threads, one batch at a time. DuckDB's own read_json pays the same storage work, "
      f"which is why it is the baseline. Our loader needs {lc:,.0f} ms of CPU per {rows:,} rows ({rate(lc):,.0f} rows per CPU-second); "
      "the parsing and DuckDB's inserting take turns, batch by batch.")
print()
print("`bulk-json-ab.md` compares the loader before and after its windowed parsing side by side in one run.")
print()
print("Raw lines (kind, HTTP status, time_total s, bytes uploaded, host CPU ms, inserted, server duration_ms, server rows/s):")
print()
print("```text")
for l in lines: print(" ".join(l))
print("```")
EOF
cat "$out"
