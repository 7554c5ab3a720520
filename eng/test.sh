#!/usr/bin/env bash
# Builds everything and runs every test project; ends with one line "N passed, N failed, N skipped"
# summed over all test projects, and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

eng/prereqs.sh test || { echo "0 passed, 1 failed (prerequisites missing)"; exit 1; }
eng/node-peers.sh || { echo "0 passed, 1 failed (npm packages of the test peers missing)"; exit 1; }

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build HighPerf.slnx -c Release; then
  echo "0 passed, 1 failed (build failed)"
  exit 1
fi

# One project at a time, each with its own report; a hung test fails its project after 10 minutes
# instead of holding the run.
status=0
projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | sort)
for project in $projects; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 10m || status=1
done

passed=0 failed=0 skipped=0 reports=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { local v; v=$(printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"); echo "${v:-0}"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

expected=$(printf '%s\n' $projects | wc -l)
if [ "$reports" -lt "$expected" ]; then
  echo "error: $expected test projects but only $reports reports: a test host crashed." >&2
  failed=$((failed + expected - reports))
fi

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
