#!/usr/bin/env bash
# Before/after of the bulk loader through HTTP: two builds of the sample host (A and B) run side by side and get the
# same JSON body in alternation (A, B, A, B...), so drifting load on a shared machine falls on both alike.
# Usage: benchmarks/load/bulk-json-ab.sh A_SAMPLE_DLL B_SAMPLE_DLL [rows=1000000] [runs=6] [label_a=before] [label_b=after]
# Build an older commit's sample with: git archive <commit> | tar -x -C /tmp/old && dotnet build /tmp/old/samples/HighPerf.Sample -c Release
# Writes benchmarks/results/bulk-json-ab.md. Needs curl and python3.
set -euo pipefail

a_dll="$1"
b_dll="$2"
rows="${3:-1000000}"
runs="${4:-6}"
label_a="${5:-before}"
label_b="${6:-after}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/results/bulk-json-ab.md"
artifacts="${BENCH_ARTIFACTS:-/tmp/bench-artifacts}"

dotnet build "$root/benchmarks/HighPerf.Benchmarks" -c Release --artifacts-path "$artifacts" -v quiet -nologo >/dev/null
bench="$artifacts/bin/HighPerf.Benchmarks/release/HighPerf.Benchmarks.dll"

work="$(mktemp -d)"
a_pid=""
b_pid=""
trap 'for p in $a_pid $b_pid; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$work"' EXIT
dotnet "$bench" bulk-json generate "$work/events.json" "$rows" >/dev/null
dotnet "$bench" bulk-json generate "$work/warm-up.json" 50000 >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() {
  local dll="$1" name="$2" port
  port="$(free_port)"
  mkdir -p "$work/$name"
  dotnet "$dll" --urls "http://127.0.0.1:$port" --HighPerf:DataDirectory="$work/$name" --HighPerf:Seed:Events=0 \
    --Logging:LogLevel:Default=Warning >"$work/$name.log" 2>&1 &
  echo "$port $!"
}
read -r a_port a_pid < <(start "$a_dll" a)
read -r b_port b_pid < <(start "$b_dll" b)
for port in "$a_port" "$b_port"; do
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
done

ticks="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$ticks" '{ printf "%.0f\n", ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }
post() {
  local label="$1" port="$2" pid="$3" file="$4" before after meta
  before="$(cpu_ms "$pid")"
  meta="$(curl -s -o "$work/response.json" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
    --data-binary "@$file" "http://127.0.0.1:$port/samples/events/bulk")"
  after="$(cpu_ms "$pid")"
  echo "$label $meta $((after - before)) $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("inserted", 0))' "$work/response.json" 2>/dev/null || echo 0)"
}

results="$work/results.txt"
: >"$results"
for _ in 1 2; do
  post warm-up "$a_port" "$a_pid" "$work/warm-up.json" >/dev/null
  post warm-up "$b_port" "$b_pid" "$work/warm-up.json" >/dev/null
done
for i in $(seq 1 "$runs"); do
  # Alternate which goes first in each pair.
  if (( i % 2 )); then
    post "$label_a" "$a_port" "$a_pid" "$work/events.json" | tee -a "$results"
    post "$label_b" "$b_port" "$b_pid" "$work/events.json" | tee -a "$results"
  else
    post "$label_b" "$b_port" "$b_pid" "$work/events.json" | tee -a "$results"
    post "$label_a" "$a_port" "$a_pid" "$work/events.json" | tee -a "$results"
  fi
done

python3 - "$results" "$rows" "$runs" "$label_a" "$label_b" "$a_dll" "$b_dll" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" >"$out" <<'EOF'
import statistics, sys, datetime
path, rows, runs, la, lb, adll, bdll, cores, load = sys.argv[1:10]
rows = int(rows)
lines = [l.split() for l in open(path) if l.strip()]
ok = {la: [], lb: []}
for label, code, total, cpu, inserted in lines:
    if code == "201" and int(inserted) == rows:
        ok[label].append((float(total) * 1000, int(cpu)))
med = statistics.median
print("# Bulk loader before/after, through HTTP, side by side")
print()
print(f"`benchmarks/load/bulk-json-ab.sh A B {rows} {runs} {la} {lb}` on {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {cores} cores shared "
      f"with other work (load average {load} at the end). Two sample hosts run at once, A = {la} (`{adll}`), B = {lb} (`{bdll}`); "
      f"each gets the same {rows:,}-event JSON body in alternation (the first of each pair alternates too), after two warm-up posts of 50,000 events.")
print()
print("| build | requests stored | client time, median (min) | rows/s (client, median) | host CPU per request, median (min) | rows per CPU-second |")
print("|---|---:|---:|---:|---:|---:|")
for label in (la, lb):
    v = ok[label]
    if not v:
        print(f"| {label} | 0 | | | | |"); continue
    t = [x[0] for x in v]; c = [x[1] for x in v]
    print(f"| {label} | {len(v)} | {med(t):,.0f} ms ({min(t):,.0f}) | {rows / med(t) * 1000:,.0f} | {med(c):,.0f} ms ({min(c):,.0f}) | {rows / med(c) * 1000:,.0f} |")
if ok[la] and ok[lb]:
    print()
    print(f"{lb} / {la}: client time {med([x[0] for x in ok[lb]]) / med([x[0] for x in ok[la]]):.2f}x, "
          f"host CPU {med([x[1] for x in ok[lb]]) / med([x[1] for x in ok[la]]):.2f}x (below 1 is faster).")
print()
print("Raw lines (build, HTTP status, time_total s, host CPU ms, inserted):")
print()
print("```text")
for l in lines: print(" ".join(l))
print("```")
EOF
cat "$out"
