#!/usr/bin/env bash
# GET /samples/pg/duckdb-compare end to end: the same analytics query on PostgreSQL and on DuckDB over the same rows
# (read from PostgreSQL as Arrow and registered in DuckDB), as the endpoint times them itself, at several sizes.
# Usage: benchmarks/load/pg-compare.sh [calls=5] [sizes="100000 1000000"]
# Uses $PG_CONNECTION_STRING when set; otherwise starts a private PostgreSQL (initdb in a temp folder, as the
# postgres system user when run as root) and stops it. Builds and starts the sample host itself.
# Writes benchmarks/results/pg-compare.md.
set -euo pipefail

calls="${1:-5}"
sizes="${2:-100000 1000000}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/results/pg-compare.md"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

data="$(mktemp -d)"
host=""
pgdata=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$host" ] && { kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; }
  [ -n "$pgdata" ] && as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$data" "${pgdata:-/nonexistent}"
}
trap cleanup EXIT

connection="${PG_CONNECTION_STRING:-}"
if [ -z "$connection" ]; then
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  pgdata="$(mktemp -d)"
  [ "$(id -u)" = 0 ] && chown postgres "$pgdata"
  pgport="$(free_port)"
  as_pg "$pgbin/initdb" -D "$pgdata" -U postgres -A trust --no-locale -E UTF8 >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
  connection="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
fi

dotnet build "$root/samples/HighPerf.Sample" -c Release -v quiet -nologo >/dev/null
port="$(free_port)"
base="http://127.0.0.1:$port"
dotnet "$root/samples/HighPerf.Sample/bin/Release/net10.0/HighPerf.Sample.dll" --urls "$base" \
  --HighPerf:DataDirectory="$data" --HighPerf:Seed:Events=0 --HighPerf:Postgres:ConnectionString="$connection" \
  --Logging:LogLevel:Default=Warning >"$data/host.log" 2>&1 &
host=$!
for _ in $(seq 1 100); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.1
done

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }

{
  echo "# PostgreSQL vs DuckDB: /samples/pg/duckdb-compare"
  echo
  echo "Generated on $(date -u '+%Y-%m-%d %H:%M UTC') by \`benchmarks/load/pg-compare.sh $calls \"$sizes\"\` on $(nproc) cores,"
  echo "PostgreSQL $(psql --version | awk '{ print $3 }') (fsync off), DuckDB embedded in the sample host."
  echo
  echo "Query (same text on both): \`$(curl -s "$base/samples/pg/duckdb-compare?rows=1000" | python3 -c 'import json,sys; print(json.load(sys.stdin)["query"])')\`"
  echo
  echo "Each call runs the query 3 times per store and reports the best; the table gives the median over $calls calls"
  echo "(the first call of a size, which builds the table, is not counted). Transfer is PostgreSQL rows to Arrow"
  echo "through binary COPY, registered in DuckDB, per call. DuckDB's speed-up is PostgreSQL's time over DuckDB's in the same call."
  echo
  echo "| rows | PostgreSQL ms | DuckDB ms | DuckDB speed-up | transfer ms | results equal |"
  echo "|---:|---:|---:|---:|---:|---|"
  for size in $sizes; do
    curl -s -o /dev/null "$base/samples/pg/duckdb-compare?rows=$size"
    pg=(); duck=(); speed=(); transfer=(); equal="true"
    for _ in $(seq 1 "$calls"); do
      read -r p d s t e < <(curl -s "$base/samples/pg/duckdb-compare?rows=$size" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["postgres"]["duration_ms"], d["duckdb"]["duration_ms"], d["duckdb_speedup"], d["duckdb"]["transfer_ms"], str(d["results_equal"]).lower())')
      pg+=("$p"); duck+=("$d"); speed+=("$s"); transfer+=("$t")
      [ "$e" = "true" ] || equal="false"
    done
    echo "| $size | $(printf '%s\n' "${pg[@]}" | median) | $(printf '%s\n' "${duck[@]}" | median) | $(printf '%s\n' "${speed[@]}" | median)x | $(printf '%s\n' "${transfer[@]}" | median) | $equal |"
  done
} >"$out"
cat "$out"
