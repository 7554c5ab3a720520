"""Driver of benchmarks/load/data-api.sh: runs the calls against a started sample host and prints the report."""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timezone

base, host_pid, rows, runs, bench_rows, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
api = base + "/api/v1"


def curl(method, url, body_file=None, data=None, content_type="application/json", out=None):
    """One request through curl; returns (status, body bytes, seconds from connect to last byte)."""
    target = out or os.path.join(work, "response.bin")
    args = ["curl", "-s", "-g", "-X", method, "-o", target, "-w", "%{http_code} %{time_total}", "-H", "Expect:"]
    if body_file:
        args += ["-H", "Content-Type: " + content_type, "--data-binary", "@" + body_file]
    elif data is not None:
        args += ["-H", "Content-Type: " + content_type, "--data-binary", data]
    status, seconds = subprocess.run(args + [url], check=True, capture_output=True, text=True).stdout.split()
    with open(target, "rb") as f:
        payload = f.read() if out is None else b""
    return int(status), payload, float(seconds)


def ok(result, expected=(200, 201)):
    status, payload, seconds = result
    if status not in expected:
        raise SystemExit(f"unexpected status {status}: {payload[:300]!r}")
    return (json.loads(payload) if payload else None), seconds


def rss_mib():
    with open(f"/proc/{host_pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def median(values):
    return statistics.median(values)


def create(name):
    definition = {"name": name, "primary_key": "id", "columns": [
        {"name": "id", "type": "int64", "nullable": False},
        {"name": "user_id", "type": "int64", "nullable": False},
        {"name": "event_type", "type": "string", "nullable": False},
        {"name": "amount", "type": "decimal(12,2)"},
        {"name": "properties", "type": "json"},
        {"name": "created_at", "type": "timestamp"}]}
    ok(curl("POST", api + "/schemas", data=json.dumps(definition)))


types = ["page_view", "signup", "add_to_cart", "checkout", "purchase"]


def write_body(path, first, count):
    with open(path, "w") as f:
        f.write("[")
        for i in range(first, first + count):
            t = types[(i * 7) % 5]
            amount = f"{(i % 500) + 0.99:.2f}" if t == "purchase" else "null"
            f.write(("," if i > first else "") + f'{{"id":{i},"user_id":{1 + (i * 31) % 5000},"event_type":"{t}","amount":{amount},'
                    f'"properties":{{"page":"/p/{i % 100}","ref":"r{i % 7}"}},"created_at":"2026-01-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"}}')
        f.write("]")


body = os.path.join(work, "rows.json")
write_body(body, 1, rows)
body_mib = os.path.getsize(body) / 2**20

load_before = os.getloadavg()

# JSON bulk: a fresh data set each run, after one untimed run (JIT, DuckDB's first insert).
create("warm_json")
ok(curl("POST", f"{api}/high-performance/ultra-fast-bulk/warm_json", body_file=body))
json_runs = []
for r in range(runs):
    create(f"json_{r}")
    result, seconds = ok(curl("POST", f"{api}/high-performance/ultra-fast-bulk/json_{r}", body_file=body))
    assert result["inserted"] == rows
    json_runs.append((seconds, result["duration_ms"], result["rows_per_second"]))

# Streams of json_0, with the host's resident memory sampled every 10 ms while each runs.
def sampled(call):
    peak = [rss_mib()]
    before = peak[0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mib())
            time.sleep(0.01)

    thread = threading.Thread(target=sample)
    thread.start()
    try:
        value = call()
    finally:
        done.set()
        thread.join()
    return value, before, peak[0]


arrow = os.path.join(work, "rows.arrow")
streams = {}
for strategy in ("offset", "keyset"):
    ok(curl("GET", f"{api}/high-performance/stream-arrow-batches/warm_json?strategy={strategy}&batch_size=10000", out=arrow))
    for batch in (10000, 100000):
        times = []
        for r in range(runs):
            (status, _, seconds), before, peak = sampled(lambda: curl("GET", f"{api}/high-performance/stream-arrow-batches/json_0?strategy={strategy}&batch_size={batch}", out=arrow))
            assert status == 200
            times.append((seconds, before, peak))
        streams[(strategy, batch)] = times
arrow_mib = os.path.getsize(arrow) / 2**20

# Arrow bulk: the keyset stream posted back into fresh data sets.
create("warm_arrow")
ok(curl("POST", f"{api}/high-performance/ultra-fast-bulk/warm_arrow", body_file=arrow, content_type="application/vnd.apache.arrow.stream"))
arrow_runs = []
for r in range(runs):
    create(f"arrow_{r}")
    result, seconds = ok(curl("POST", f"{api}/high-performance/ultra-fast-bulk/arrow_{r}", body_file=arrow, content_type="application/vnd.apache.arrow.stream"))
    assert result["inserted"] == rows
    arrow_runs.append((seconds, result["duration_ms"], result["rows_per_second"]))

# The sample's own events bulk on the same records (its specialized loader), for reference.
ok(curl("POST", f"{base}/samples/events/bulk", body_file=body))
events_runs = []
for r in range(runs):
    result, seconds = ok(curl("POST", f"{base}/samples/events/bulk", body_file=body))
    events_runs.append((seconds, result["duration_ms"], result["rows_per_second"]))

# Filtered queries.
filters = json.dumps({"event_type": "purchase", "amount": {"gte": 100}, "user_id": {"in": [1, 32, 63, 94, 125]}})
encoded = urllib.parse.quote(filters)
query_times, summary_times = [], []
for _ in range(30):
    query_times.append(ok(curl("GET", f"{api}/high-performance/query-optimized/json_0?limit=100&filters={encoded}"))[1])
for _ in range(10):
    summary_times.append(ok(curl("GET", f"{api}/high-performance/query-optimized/json_0?limit=100&analysis=summary&filters={encoded}"))[1])

# Exports per codec.
exports = {}
for codec in ("zstd", "snappy", "gzip", "none"):
    result, seconds = ok(curl("POST", f"{api}/high-performance/export-parquet/json_0", data=json.dumps({"compression": codec})))
    exports[codec] = (seconds, result["duration_ms"], result["bytes"])

# Analyses.
analyses = {}
for kind in ("summary", "profile", "quality"):
    analyses[kind] = median([ok(curl("GET", f"{api}/high-performance/analyze/json_0?type={kind}"))[1] for _ in range(runs)])

# The benchmark endpoint: row-by-row INSERT against the Arrow path, same rows, same run.
bench = []
for r in range(runs):
    result, _ = ok(curl("POST", f"{api}/high-performance/benchmark/json_0", data=json.dumps({"rows": bench_rows})))
    bench.append((result["naive"]["duration_ms"], result["optimized"]["duration_ms"], result["ratio"]))

# Memory bound: ten times the rows in one data set, streamed whole to /dev/null while resident memory is sampled.
large_rows = rows * 10
create("large")
chunk = os.path.join(work, "chunk.json")
for part in range(10):
    write_body(chunk, 1 + part * rows, rows)
    ok(curl("POST", f"{api}/high-performance/ultra-fast-bulk/large", body_file=chunk))
large = {}
for strategy in ("offset", "keyset"):
    (status, _, seconds), before, peak = sampled(lambda: curl("GET", f"{api}/high-performance/stream-arrow-batches/large?strategy={strategy}&batch_size=100000", out="/dev/null"))
    assert status == 200
    large[strategy] = (seconds, before, peak)

load_after = os.getloadavg()
ms = lambda s: f"{s * 1000:.1f} ms"
print("# High-performance data API, end to end over HTTP")
print()
print(f"`benchmarks/load/data-api.sh {rows} {runs} {bench_rows}` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores (shared with other work),")
print("curl on loopback, one request at a time, the sample host on embedded DuckDB (file store) started empty. Client times are curl's")
print("`time_total` (connect to last byte, body upload included); server times are the endpoints' own `duration_ms`. Medians of")
print(f"{runs} runs unless said. Records: 6 columns (int64 key, int64, string, decimal(12,2), json, timestamp); the JSON body is")
print(f"{body_mib:.1f} MiB, the Arrow IPC body {arrow_mib:.1f} MiB. Every path ran once untimed first (JIT, DuckDB's first statement).")
print(f"Load average (1 min) {load_before[0]:.1f} at the start and {load_after[0]:.1f} at the end: other builds shared the 2 cores, so")
print("absolute figures are pessimistic and noisy; the ratios between rows of one table come from the same run.")
print()
print("## Bulk insert (all or nothing, into a fresh data set with a primary key)")
print()
print("| path | rows | client | server | server rows/s |")
print("|---|---:|---:|---:|---:|")
for label, values in (("`ultra-fast-bulk`, JSON array", json_runs), ("`ultra-fast-bulk`, Arrow IPC stream", arrow_runs), ("`/samples/events/bulk` (the events loader, same records)", events_runs)):
    print(f"| {label} | {rows} | {ms(median([v[0] for v in values]))} | {median([v[1] for v in values]):.1f} ms | {median([v[2] for v in values]):,.0f} |")
print("| seed stack: PostgreSQL bulk insert (published) | | | | 26,000 |")
print("| seed stack: its data guide's claim (10 K rows in 0.05 s) | | | | 200,000 |")
print()
print("## Naive against optimized insert (`POST .../benchmark`, scratch temp tables, same generated rows)")
print()
print("| rows | row-by-row prepared INSERT | Arrow batches, one INSERT ... SELECT | ratio |")
print("|---:|---:|---:|---:|")
for naive, optimized, ratio in bench:
    print(f"| {bench_rows} | {naive:.1f} ms ({bench_rows / naive * 1000:,.0f} rows/s) | {optimized:.1f} ms ({bench_rows / optimized * 1000:,.0f} rows/s) | {ratio:.0f}x |")
print()
print("## Arrow IPC streaming of the whole data set")
print()
print("| strategy | batch_size | client (median) | rows/s | resident before | peak while streaming |")
print("|---|---:|---:|---:|---:|---:|")
for (strategy, batch), values in streams.items():
    t = median([v[0] for v in values])
    print(f"| {strategy} | {batch} | {ms(t)} | {rows / t:,.0f} | {median([v[1] for v in values]):.0f} MiB | {max(v[2] for v in values):.0f} MiB |")
print()
print(f"The same with {large_rows:,} rows in one data set (about {arrow_mib * 10:.0f} MiB of Arrow IPC), batch_size 100000, body to /dev/null.")
print("The host runs with `HighPerf:DuckDb:MemoryLimit=512MB`. Resident memory includes DuckDB's buffer pool, which fills with the")
print("table's pages and the sort behind ORDER BY ... OFFSET up to that cap, and the managed heap left by the ten bulk loads before;")
print("so these figures bound the whole process, not the stream's own buffers (one DuckDB batch of up to 2,048 rows at a time):")
print()
print("| strategy | client | rows/s | resident before | peak while streaming |")
print("|---|---:|---:|---:|---:|")
for strategy, (seconds, before, peak) in large.items():
    print(f"| {strategy} | {ms(seconds)} | {large_rows / seconds:,.0f} | {before:.0f} MiB | {peak:.0f} MiB |")
print()
print("## Query, export, analysis (client times)")
print()
print(f"- filtered query (`event_type` equals, `amount` range, `user_id` in 5 values, limit 100): median {ms(median(query_times))}, "
      f"p95 {ms(sorted(query_times)[int(len(query_times) * 0.95) - 1])} over {len(query_times)} calls; with `analysis=summary`: median {ms(median(summary_times))} over {len(summary_times)}")
for codec, (seconds, server, size) in exports.items():
    print(f"- Parquet export, {codec}: {ms(seconds)} (server {server:.1f} ms), {size / 2**20:.2f} MiB")
for kind, seconds in analyses.items():
    print(f"- analyze `{kind}`: median {ms(seconds)}")
