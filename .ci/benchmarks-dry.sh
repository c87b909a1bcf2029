#!/usr/bin/env bash
# Runs every benchmark once in BenchmarkDotNet's Dry job at the smallest size (1,000 units), so the benchmarks keep
# building and running. No time is asserted, so it runs on the Debug build .ci/run has already made (set
# BENCH_DRY_CONFIGURATION to change that); --dry-on-debug-build turns off BenchmarkDotNet's optimized-assembly check
# for this dry run only. Needs what the benchmarks need: PostgreSQL binaries (or CUTTER_TEST_PG), pg_dump/pg_restore
# and gpg on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts="${BENCH_DRY_ARTIFACTS:-$(mktemp -d -t cutter-bench-dry-XXXXXX)}"
export CUTTER_BENCH_SMALLEST=1
configuration="${BENCH_DRY_CONFIGURATION:-Debug}"
dotnet build benchmarks -c "$configuration" -nologo -v q
dotnet run -c "$configuration" --no-build --project benchmarks -- --filter '*' --job Dry --inProcess --dry-on-debug-build --artifacts "$artifacts" | tee "$artifacts/dry.log"
# BenchmarkDotNet exits 0 even when a benchmark throws: a failed case logs an exception and no WorkloadResult line.
if grep -q "Exception" "$artifacts/dry.log"; then
    echo "benchmarks-dry: a benchmark threw (see $artifacts/dry.log)" >&2
    exit 1
fi
expected=18 # cutting 2, analyzer overhead 3, scan scaling 1, write path 4 (a1, a2, live, b), backup 4, verification 3, grant matrix 1 (the Dry job only)
# A case's job may run more than one measured iteration (WorkloadResult lines); each case needs at least one.
started=$(grep -c '^// Benchmark: ' "$artifacts/dry.log" || true)
measured=$(grep -c '^WorkloadResult ' "$artifacts/dry.log" || true)
if [ "$started" -lt "$expected" ] || [ "$measured" -lt "$started" ]; then
    echo "benchmarks-dry: $started benchmark cases started, $measured measured results, expected at least $expected cases, each measured (see $artifacts/dry.log)" >&2
    exit 1
fi
echo "benchmarks-dry: $started benchmark cases ran ($measured measured results)"
# The write path against baseline (a1) at 10,000 units, once each: printed for the log, never asserted (issue 17).
CUTTER_BENCH_SMALLEST= dotnet run -c "$configuration" --no-build --project benchmarks -- --write-ratio 10000 | tee -a "$artifacts/dry.log"
