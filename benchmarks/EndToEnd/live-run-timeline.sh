#!/usr/bin/env bash
# A whole live run of a generated document of N units through the real CLI on a disposable PostgreSQL, timed by
# phase from the phase ledger (gates excluded), with every process's peak RSS (GNU time). Issue 17; figures in
# benchmarks/README.md ("End to end: a live run through the CLI").
#   bash benchmarks/EndToEnd/live-run-timeline.sh 100000
# With CUTTER_BENCH_CLI_WRITE_CSV=FILE set, the run appends its write path (phases 7+8+10, seconds) to FILE, which
# `--report RESULTS OUT FILE` plots beside the BenchmarkDotNet cases.
set -euo pipefail
units="${1:?usage: live-run-timeline.sh UNITS}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet build src/Cutter.Cli -c Release -nologo -clp:ErrorsOnly -v q
dotnet build benchmarks -c Release -nologo -clp:ErrorsOnly -v q
# Run copies of the builds, so a rebuild in this worktree during a long run cannot swap the CLI between its steps.
snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
cp -r src/Cutter.Cli/bin/Release/net10.0 "$snapshot/cli"
cp -r benchmarks/bin/Release/net10.0 "$snapshot/benchmarks"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes under src)'); $(uptime)"
dotnet "$snapshot/benchmarks/Cutter.Benchmarks.dll" --live-run-timeline "$units" "$snapshot/cli/Cutter.Cli.dll"
